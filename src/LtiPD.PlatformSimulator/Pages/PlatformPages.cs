using System.Text;
using System.Text.Json;
using LtiPD.PlatformSimulator.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiPD.PlatformSimulator.Pages;

/// <summary>The pages a person sees on the platform besides the launch: an index, the return page and the registration page.</summary>
internal static class PlatformPages
{
    private static readonly (string Name, string Label)[] Users = [("teacher", "Teacher (Learner)"), ("designer", "Designer (Instructor)"), ("admin", "Administrator")];

    /// <summary>Links to every launch variant, for people trying the tool by hand.</summary>
    public static SimResponse Index(ServiceRequest request)
    {
        var platform = request.Platform;
        var rows = new StringBuilder();
        foreach (var (name, label) in Users)
        {
            rows.Append($"<tr><th scope=\"row\">{Html.Encode(label)}</th>");
            foreach (var kind in new[] { LaunchKind.ResourceLink, LaunchKind.DeepLinking })
            {
                foreach (var presentation in new[] { LaunchPresentation.Window, LaunchPresentation.Iframe })
                {
                    var plain = platform.LaunchPageUrl(name, kind, presentation, storage: false);
                    var stored = platform.LaunchPageUrl(name, kind, presentation, storage: true);
                    rows.Append($"""<td><a href="{Html.Encode(plain.AbsoluteUri)}">launch</a> · <a href="{Html.Encode(stored.AbsoluteUri)}">with storage</a></td>""");
                }
            }

            rows.AppendLine("</tr>");
        }

        var tool = platform.Tool is { } configured
            ? $"Tool: {Html.Encode(configured.LaunchUrl.AbsoluteUri)} (client_id {Html.Encode(platform.ClientId)}, deployment {Html.Encode(platform.DeploymentId)})."
            : "No tool configured yet: register one below.";
        var body = $"""
            <main>
            <h1>LtiPD simulated {Html.Encode(platform.Flavor.ToString())}: {Html.Encode(platform.Course.Title)}</h1>
            <p>Issuer {Html.Encode(platform.Issuer)}. {tool}</p>
            <table>
            <caption>Launches</caption>
            <thead>
            <tr><th scope="col">User</th><th scope="col">Resource link, window</th><th scope="col">Resource link, iframe</th>
            <th scope="col">Deep linking, window</th><th scope="col">Deep linking, iframe</th></tr>
            </thead>
            <tbody>
            {rows}</tbody>
            </table>
            <h2>Dynamic Registration</h2>
            <form method="get" action="{Html.Encode(platform.Url("/register-tool").AbsoluteUri)}">
            <label for="tool-url">Tool registration URL</label>
            <input id="tool-url" name="url" type="url" required>
            <button type="submit">Register the tool</button>
            </form>
            <h2>Platform endpoints</h2>
            <ul>
            <li><a href="{Html.Encode(platform.OpenIdConfigurationUrl.AbsoluteUri)}">OpenID configuration</a></li>
            <li><a href="{Html.Encode(platform.JwksUrl.AbsoluteUri)}">JWKS</a></li>
            </ul>
            </main>
            """;
        return SimResponse.Html(StatusCodes.Status200OK, Html.Document($"Simulated platform: {platform.Course.Title}", body));
    }

    /// <summary>launch_presentation.return_url (LTI Core §5.4.4): shows the lti_msg / lti_errormsg the tool sends back.</summary>
    public static SimResponse Return(ServiceRequest request)
    {
        var query = request.Request.Query;
        var message = query["lti_msg"].ToString();
        var error = query["lti_errormsg"].ToString();
        var body = $"""
            <main>
            <h1>Back in {Html.Encode(request.Platform.Course.Title)}</h1>
            {(message.Length > 0 ? $"""<p id="return-message">{Html.Encode(message)}</p>""" : "")}
            {(error.Length > 0 ? $"""<p id="return-error" role="alert">{Html.Encode(error)}</p>""" : "")}
            </main>
            """;
        return SimResponse.Html(StatusCodes.Status200OK, Html.Document($"Back in {request.Platform.Course.Title}", body));
    }

    /// <summary>
    /// The administrator's registration page of Dynamic Registration: the tool's registration URL opens in a frame with
    /// openid_configuration and a fresh registration_token, and the page waits for the tool's org.imsglobal.lti.close message.
    /// </summary>
    public static SimResponse RegisterTool(ServiceRequest request)
    {
        var platform = request.Platform;
        var url = request.Request.Query["url"].ToString();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var toolUrl) || (toolUrl.Scheme != Uri.UriSchemeHttp && toolUrl.Scheme != Uri.UriSchemeHttps))
        {
            return SimResponse.Html(StatusCodes.Status400BadRequest, Html.Problem("Cannot register", "url must be the tool's absolute http(s) registration URL."));
        }

        var frameUrl = QueryHelpers.AddQueryString(toolUrl.AbsoluteUri, new Dictionary<string, string?>
        {
            ["openid_configuration"] = platform.OpenIdConfigurationUrl.AbsoluteUri,
            ["registration_token"] = platform.IssueRegistrationToken(),
        });
        var body = $"""
            <main>
            <h1>Register an LTI tool</h1>
            <p id="registration-status" role="status" aria-live="polite">Waiting for the tool to finish the registration…</p>
            <iframe id="tool-registration-frame" title="Tool registration" src="{Html.Encode(frameUrl)}"></iframe>
            </main>
            """;
        var origin = JsonSerializer.Serialize(toolUrl.GetLeftPart(UriPartial.Authority));
        // Only the framed tool may close the registration: both the source window and its origin are checked.
        var script = $$"""

            (() => {
              const frame = document.getElementById('tool-registration-frame');
              const status = document.getElementById('registration-status');
              window.addEventListener('message', event => {
                if (event.source !== frame.contentWindow || event.origin !== {{origin}}) {
                  return;
                }
                let data = event.data;
                if (typeof data === 'string') {
                  try { data = JSON.parse(data); } catch { return; }
                }
                if (data && data.subject === 'org.imsglobal.lti.close') {
                  status.textContent = 'Registration finished';
                  frame.hidden = true;
                }
              });
            })();

            """;
        return SimResponse.Html(StatusCodes.Status200OK, Html.Document("Register an LTI tool", body, script));
    }
}
