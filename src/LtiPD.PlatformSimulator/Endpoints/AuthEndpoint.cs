using LtiPD.PlatformSimulator.Pages;
using LtiPD.PlatformSimulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace LtiPD.PlatformSimulator.Endpoints;

/// <summary>
/// The OIDC authorization endpoint of the platform (Security Framework §5.1.1.2 request, §5.1.1.3 response): it checks the
/// tool's authentication request and answers with a form_post of the signed id_token and the state.
/// </summary>
internal static class AuthEndpoint
{
    private const string FormId = "lti-auth-response";

    public static void Map(IEndpointRouteBuilder group, SimulatorHttp http) =>
        group.MapMethods("/auth", [HttpMethods.Get, HttpMethods.Post], http.Recorded(RecordedCallKind.Auth, faultable: false, Authorize));

    private static SimResponse Authorize(ServiceRequest request)
    {
        var platform = request.Platform;
        var parameters = HttpMethods.IsPost(request.Request.Method)
            ? QueryHelpers.ParseQuery(request.Body)
            : request.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value);
        string Parameter(string name) => parameters.TryGetValue(name, out StringValues value) ? value.ToString() : "";

        if (platform.Tool is not { } tool)
        {
            return Refuse("No tool is registered on this platform.");
        }

        var redirect = Parameter("redirect_uri");
        var hint = LaunchHint.TryParse(Parameter("lti_message_hint"));
        var user = platform.FindMember(Parameter("login_hint"));
        var problem = FindProblem(platform, tool, Parameter, user, hint);
        if (problem is not null)
        {
            return Refuse(problem);
        }

        // FindProblem has ruled out a missing user and hint.
        var link = hint!.Link is { } linkId ? platform.FindResourceLink(linkId) : null;
        if (hint.LaunchKind == LaunchKind.ResourceLink && link is null)
        {
            return Refuse("lti_message_hint names a resource link the course no longer has.");
        }

        var draft = platform.DraftIdToken(user!, Parameter("nonce"), hint.LaunchKind, null, hint.LaunchPresentation, link?.Id, hint.Locale);
        var fields = new Dictionary<string, string> { ["id_token"] = platform.SignIdToken(draft), ["state"] = Parameter("state") };
        var body = $"""
            <main>
            <h1>Opening the tool</h1>
            {Html.AutoPostForm(FormId, new Uri(redirect), fields, "_self", "Continue to the tool")}
            </main>
            """;
        return SimResponse.Html(StatusCodes.Status200OK, Html.Document("Opening the tool", body, Html.SubmitScript(FormId)))
            .WithHeader("Cache-Control", "no-store");
    }

    /// <summary>Security Framework §5.1.1.2: the checks a platform makes before it authenticates the user to the tool.</summary>
    private static string? FindProblem(
        SimulatedPlatform platform, ToolRegistration tool, Func<string, string> parameter, SimUser? user, LaunchHint? hint)
    {
        if (!parameter("scope").Split(' ').Contains("openid"))
        {
            return "scope must include openid.";
        }

        if (parameter("response_type") != "id_token")
        {
            return "response_type must be id_token.";
        }

        if (parameter("response_mode") != "form_post")
        {
            return "response_mode must be form_post.";
        }

        if (parameter("prompt") != "none")
        {
            return "prompt must be none.";
        }

        if (parameter("client_id") != platform.ClientId)
        {
            return $"client_id must be '{platform.ClientId}', was '{parameter("client_id")}'.";
        }

        var allowed = tool.AllowedRedirectUris().Select(uri => uri.AbsoluteUri).ToList();
        if (!allowed.Contains(parameter("redirect_uri")))
        {
            return $"redirect_uri '{parameter("redirect_uri")}' is not registered for the tool (allowed: {string.Join(", ", allowed)}).";
        }

        if (user is null)
        {
            return $"login_hint '{parameter("login_hint")}' does not name a user of this platform.";
        }

        if (parameter("nonce").Length == 0 || parameter("state").Length == 0)
        {
            return "nonce and state are required.";
        }

        if (hint is null)
        {
            return "lti_message_hint is missing or was not issued by this platform.";
        }

        return hint.User != user.Sub ? "login_hint does not match the user of the launch named by lti_message_hint." : null;
    }

    // Errors are explained in plain text rather than redirected to the tool with error=… (OpenID Connect Core §3.1.2.6):
    // the reader of a refused launch in this simulator is a developer or a test.
    private static SimResponse Refuse(string explanation) =>
        SimResponse.Text(StatusCodes.Status400BadRequest, "Authentication request refused: " + explanation);
}
