using System.Text.Json;
using LtiPD.PlatformSimulator.Endpoints;
using LtiPD.PlatformSimulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace LtiPD.PlatformSimulator.Pages;

/// <summary>
/// The course page of the LMS: it starts the OIDC third-party-initiated login (Security Framework §5.1.1.1) with an
/// auto-posted form, as Moodle does, and acts as the platform side of LTI Client Side postMessages (lti.capabilities) and
/// platform storage (lti.put_data, lti.get_data) for a tool framed in it.
/// </summary>
internal static class LaunchPage
{
    private const string FrameName = "lti-tool-frame";
    private const string FormId = "lti-login-form";

    public static SimResponse Render(ServiceRequest request)
    {
        var platform = request.Platform;
        var query = request.Request.Query;
        if (platform.Tool is null)
        {
            return SimResponse.Html(StatusCodes.Status409Conflict, Html.Problem(
                "No tool configured", "Set SimulatedPlatform.Tool or register the tool (Dynamic Registration) before launching."));
        }

        var userName = Value(query, "user", "teacher");
        var kind = Value(query, "kind", LaunchHint.ResourceKind);
        var presentation = Value(query, "presentation", LaunchHint.WindowPresentation);
        var locale = query["locale"].ToString() is { Length: > 0 } asked ? asked : null;
        if (platform.FindUser(userName) is not { } user)
        {
            return BadRequest($"Unknown user '{userName}': use teacher, designer, admin or a user's sub.");
        }

        if (kind is not (LaunchHint.ResourceKind or LaunchHint.DeepLinkingKind))
        {
            return BadRequest($"kind must be '{LaunchHint.ResourceKind}' or '{LaunchHint.DeepLinkingKind}'.");
        }

        if (presentation is not (LaunchHint.WindowPresentation or LaunchHint.IframePresentation))
        {
            return BadRequest($"presentation must be '{LaunchHint.WindowPresentation}' or '{LaunchHint.IframePresentation}'.");
        }

        if (locale is not null && !LaunchHint.IsLocale(locale))
        {
            return BadRequest("locale must look like en, ru_RU or kk-KZ.");
        }

        bool storage;
        switch (query["storage"].ToString())
        {
            case "":
                storage = platform.StorageEnabled;
                break;
            case "0" or "1":
                storage = query["storage"] == "1";
                break;
            default:
                return BadRequest("storage must be 0 or 1.");
        }

        var hint = new LaunchHint(user.Sub, kind, null, presentation, locale);
        SimResourceLink? link = null;
        if (hint.LaunchKind == LaunchKind.ResourceLink)
        {
            var linkId = query["link"].ToString();
            link = linkId.Length == 0 ? platform.ResolveLink(null, hint.LaunchPresentation) : platform.FindResourceLink(linkId);
            if (link is null)
            {
                return BadRequest($"No resource link '{linkId}' in the course.");
            }

            hint = hint with { Link = link.Id };
        }

        var framed = hint.LaunchPresentation == LaunchPresentation.Iframe;
        var form = Html.AutoPostForm(
            FormId, platform.Tool.LoginInitiationUrl, LoginFields(platform, user, hint, link, storage), framed ? FrameName : "_self", "Continue to the tool");
        var title = link?.Title ?? "Add content from the tool";
        var frame = framed
            ? $"""<iframe id="{FrameName}" name="{FrameName}" title="{Html.Encode("LTI tool: " + title)}"></iframe>"""
            : "";
        var body = $"""
            <header>
            <h1>{Html.Encode(platform.Course.Title)}</h1>
            <p>Signed in as {Html.Encode(user.Name)}. {Html.Encode(title)}</p>
            </header>
            <main>
            {form}
            {frame}
            <section aria-labelledby="received-heading">
            <h2 id="received-heading">Messages received from the tool</h2>
            <ul id="received-messages"></ul>
            </section>
            </main>
            """;
        return SimResponse.Html(StatusCodes.Status200OK, Html.Document($"{platform.Course.Title}: {title}", body, Script(platform.Tool, storage)));
    }

    /// <summary>The login initiation parameters of Security Framework §5.1.1.1, with each LMS's spelling of the deployment.</summary>
    private static List<KeyValuePair<string, string>> LoginFields(
        SimulatedPlatform platform, SimUser user, LaunchHint hint, SimResourceLink? link, bool storage)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("iss", platform.Issuer),
            new("target_link_uri", platform.DefaultTargetLinkUri(hint.LaunchKind, link).AbsoluteUri),
            new("login_hint", user.Sub),
            new("lti_message_hint", hint.Serialize()),
            new("client_id", platform.ClientId),
        };
        if (platform.Flavor == PlatformFlavor.Canvas)
        {
            fields.Add(new("deployment_id", platform.DeploymentId));
            fields.Add(new("canvas_region", "not_configured"));
            fields.Add(new("canvas_environment", "prod"));
        }
        else
        {
            fields.Add(new("lti_deployment_id", platform.DeploymentId));
        }

        if (storage)
        {
            // LTI OIDC Login with Client Side postMessages §3: the tool finds platform storage in this page (its parent).
            fields.Add(new("lti_storage_target", "_parent"));
        }

        return fields;
    }

    /// <summary>
    /// The page's message handler. Shapes follow LTI Client Side postMessages 0.1 and LTI postMessage Storage 0.1: responses echo
    /// message_id, carry "subject.response", go only to event.origin, and storage is kept per origin of the sender.
    /// No "frame" is named in supported_messages, so the tool sends storage messages to this same window.
    /// </summary>
    private static string Script(ToolRegistration tool, bool storage)
    {
        var config = JsonSerializer.Serialize(new { origins = tool.Origins(), storage });
        return $$"""

            (() => {
              const config = {{config}};
              const received = document.getElementById('received-messages');
              const stores = new Map();
              const supported = [{ subject: 'lti.capabilities' }];
              if (config.storage) {
                supported.push({ subject: 'lti.get_data' }, { subject: 'lti.put_data' });
              }
              window.addEventListener('message', event => {
                let data = event.data;
                if (typeof data === 'string') {
                  try { data = JSON.parse(data); } catch { return; }
                }
                if (!data || typeof data.subject !== 'string' || data.subject.endsWith('.response')) {
                  return;
                }
                const item = document.createElement('li');
                item.textContent = data.subject;
                received.appendChild(item);
                if (!event.source || !data.subject.startsWith('lti.')) {
                  return;
                }
                const reply = body => event.source.postMessage(
                  Object.assign({ subject: data.subject + '.response', message_id: data.message_id }, body), event.origin);
                const fail = (code, message) => reply({ error: { code, message } });
                if (!config.origins.includes(event.origin)) {
                  fail('wrong_origin', 'Messages are accepted from the tool only.');
                  return;
                }
                const isStorage = data.subject === 'lti.put_data' || data.subject === 'lti.get_data';
                if (data.subject === 'lti.capabilities') {
                  reply({ supported_messages: supported });
                } else if (!isStorage || !config.storage) {
                  fail('unsupported_subject', 'Subject ' + data.subject + ' is not supported.');
                } else if (typeof data.key !== 'string' || data.key.length === 0) {
                  fail('bad_request', 'key is required.');
                } else if (data.subject === 'lti.put_data') {
                  if (typeof data.value !== 'string') {
                    fail('bad_request', 'value must be a string.');
                    return;
                  }
                  if (!stores.has(event.origin)) {
                    stores.set(event.origin, new Map());
                  }
                  stores.get(event.origin).set(data.key, data.value);
                  reply({ key: data.key, value: data.value });
                } else {
                  const store = stores.get(event.origin);
                  if (store && store.has(data.key)) {
                    reply({ key: data.key, value: store.get(data.key) });
                  } else {
                    fail('bad_request', 'There is no value stored for this key.');
                  }
                }
              });
              // Listen first, then hand the browser (or the frame) to the tool.
              document.getElementById('{{FormId}}').submit();
            })();

            """;
    }

    private static string Value(IQueryCollection query, string name, string fallback) =>
        query[name].ToString() is { Length: > 0 } value ? value : fallback;

    private static SimResponse BadRequest(string explanation) =>
        SimResponse.Html(StatusCodes.Status400BadRequest, Html.Problem("Cannot launch", explanation));
}
