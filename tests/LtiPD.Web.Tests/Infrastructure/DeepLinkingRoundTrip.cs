using System.Net;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;

namespace LtiPD.Web.Tests.Infrastructure;

/// <summary>
/// The whole Deep Linking round trip as the browser makes it: the designer's content selection launch (changed by
/// <c>launch</c>, e.g. to name a course), one choice posted to the picker, and the signed response posted on to the platform
/// simulator, which places the link and its line item.
/// </summary>
public static class DeepLinkingRoundTrip
{
    /// <param name="choice">An instrument code, or "module:" and a module code, as the picker's radio or checkbox value.</param>
    /// <returns>The resource link the platform created from the response.</returns>
    public static async Task<SimResourceLink> AttachAsync(LtiEnvironment env, Action<IdTokenDraft> launch, string choice, string title, string points)
    {
        var outcome = await env.Driver().LaunchAsync(env.Platform.Designer, launch, LaunchKind.DeepLinking);
        Assert.Equal($"/s/{outcome.SessionId}/pick", outcome.Location);
        using var client = env.Tool.CreateRawClient();
        using var picked = await client.PostAsync($"s/{outcome.SessionId}/pick?handler=Choose", new FormUrlEncodedContent(
            [KeyValuePair.Create("chosen", choice), KeyValuePair.Create($"title-{choice}", title), KeyValuePair.Create($"points-{choice}", points)]));
        Assert.Equal(HttpStatusCode.OK, picked.StatusCode);
        var jwt = WebUtility.HtmlDecode(Regex.Match(await picked.Content.ReadAsStringAsync(), "name=\"JWT\" value=\"([^\"]+)\"").Groups[1].Value);

        using var platform = new HttpClient();
        using var returned = await platform.PostAsync(env.Platform.DeepLinkingReturnUrl, new FormUrlEncodedContent([KeyValuePair.Create("JWT", jwt)]));
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        return Assert.Single(env.Platform.DeepLinkingResponses[^1].CreatedLinks);
    }
}
