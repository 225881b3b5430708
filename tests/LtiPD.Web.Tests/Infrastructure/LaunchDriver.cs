using System.Net;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiPD.Web.Tests.Infrastructure;

/// <summary>What the tool answered to the login initiation: the auth request it sent the browser to.</summary>
public sealed record StartedLogin(HttpResponseMessage Response, string State, string Nonce, IReadOnlyDictionary<string, string> AuthQuery);

/// <summary>What the tool answered to the launch post.</summary>
public sealed record LaunchOutcome(HttpStatusCode Status, string? Location, string Body)
{
    public string? ErrorCode => Regex.Match(Body, "id=\"error-code\">([^<]+)<") is { Success: true } m ? m.Groups[1].Value : null;

    public string? SessionId => Location is not null && Regex.Match(Location, "^/s/([^/]+)/") is { Success: true } m ? m.Groups[1].Value : null;
}

/// <summary>
/// Plays the browser between the simulator and the tool, hop by hop, so a test can change the id_token the
/// platform signs (the 1EdTech certification's bad payloads) or the state the browser carries.
/// </summary>
public sealed class LaunchDriver(ToolFactory tool, SimulatedPlatform platform)
{
    public CookieContainer Cookies { get; } = new();

    public async Task<StartedLogin> StartLoginAsync(Dictionary<string, string>? overrides = null, bool usePost = true, string? loginHint = null)
    {
        var form = new Dictionary<string, string>
        {
            ["iss"] = platform.Issuer,
            ["login_hint"] = loginHint ?? platform.Teacher.Sub,
            ["target_link_uri"] = new Uri(tool.BaseUrl, "lti/launch").AbsoluteUri,
            ["lti_message_hint"] = "{\"cmid\":2,\"launchid\":\"ltilaunch1_1183652208\"}",
            ["client_id"] = platform.ClientId,
            ["lti_deployment_id"] = platform.DeploymentId,
        };
        foreach (var (k, v) in overrides ?? [])
        {
            if (v is null) form.Remove(k); else form[k] = v;
        }

        using var client = tool.CreateRawClient(Cookies);
        var response = usePost
            ? await client.PostAsync("lti/login", new FormUrlEncodedContent(form))
            : await client.GetAsync(QueryHelpers.AddQueryString("lti/login", form!));
        var location = response.Headers.Location;
        if (location is null)
            return new StartedLogin(response, "", "", new Dictionary<string, string>());
        var query = QueryHelpers.ParseQuery(location.Query).ToDictionary(q => q.Key, q => q.Value.ToString());
        return new StartedLogin(response, query["state"], query["nonce"], query);
    }

    /// <summary>Posts an id_token and state to the launch URL as the platform's auto-submitted form would.</summary>
    public async Task<LaunchOutcome> PostLaunchAsync(string? idToken, string? state, string path = "lti/launch")
    {
        var form = new Dictionary<string, string>();
        if (idToken is not null) form["id_token"] = idToken;
        if (state is not null) form["state"] = state;
        using var client = tool.CreateRawClient(Cookies);
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(form));
        return new LaunchOutcome(response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A whole launch: login initiation, a draft id_token for the nonce (changed by <paramref name="mutate"/>), the post.</summary>
    public async Task<LaunchOutcome> LaunchAsync(SimUser user, Action<IdTokenDraft>? mutate = null, LaunchKind kind = LaunchKind.ResourceLink)
    {
        var login = await StartLoginAsync(loginHint: user.Sub);
        Assert.Equal(HttpStatusCode.Redirect, login.Response.StatusCode);
        var draft = platform.DraftIdToken(user, login.Nonce, kind);
        mutate?.Invoke(draft);
        return await PostLaunchAsync(platform.SignIdToken(draft), login.State, kind == LaunchKind.DeepLinking ? "lti/deeplink" : "lti/launch");
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, CookieContainer? cookies = null)
    {
        using var client = tool.CreateRawClient(cookies);
        using var response = await client.GetAsync(path.TrimStart('/'));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
