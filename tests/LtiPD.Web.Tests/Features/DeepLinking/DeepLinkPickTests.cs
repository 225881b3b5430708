using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.Web.Tests.Features.DeepLinking;

/// <summary>
/// The deep-linking picker over real HTTP: who reaches it, what the search and filters show, how a bad choice is refused with
/// nothing sent, and the LtiDeepLinkingResponse the browser would post, checked against the tool's published JWKS.
/// </summary>
public sealed class DeepLinkPickTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string SelfAssessment = "social-self-assessment";
    private const string DeepLinkingSettings = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
    private const string ContentItems = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
    private const string Data = "https://purl.imsglobal.org/spec/lti-dl/claim/data";

    [Fact]
    public async Task ADesignersDeepLinkingLaunchLandsOnThePicker()
    {
        var sid = await PickerSessionAsync();

        var (status, body) = await env.Driver().GetAsync($"s/{sid}/pick");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-role=\"picker\"", body, StringComparison.Ordinal);
        Assert.Contains($"data-instrument=\"{SelfAssessment}\"", body, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALearnersDeepLinkingLaunchIsRefusedTheForbiddenRole()
    {
        var driver = env.Driver();
        var outcome = await driver.LaunchAsync(env.Platform.Teacher, kind: LaunchKind.DeepLinking);
        Assert.Equal($"/s/{outcome.SessionId}/pick", outcome.Location);

        var (status, body) = await driver.GetAsync(outcome.Location!);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("id=\"error-code\">role_forbidden<", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASessionFromAResourceLinkLaunchCannotPick()
    {
        var driver = env.Driver();
        var outcome = await driver.LaunchAsync(env.Platform.Designer);

        var (status, body) = await driver.GetAsync($"s/{outcome.SessionId}/pick");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("id=\"error-code\">not_a_deep_linking_request<", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAndComponentFilterNarrowTheCatalogue()
    {
        var sid = await PickerSessionAsync();
        var all = Instruments((await env.Driver().GetAsync($"s/{sid}/pick")).Body);

        var searched = Instruments((await env.Driver().GetAsync($"s/{sid}/pick?q=SITUATIONS")).Body);
        var subject = Instruments((await env.Driver().GetAsync($"s/{sid}/pick?component=Subject")).Body);
        var none = await env.Driver().GetAsync($"s/{sid}/pick?q=no-such-assessment-anywhere");

        Assert.True(all.Count >= 4, string.Join(", ", all));
        Assert.DoesNotContain("peer-feedback", all);
        Assert.Equal(["teaching-situations"], searched);
        Assert.Equal(["pedagogy-and-subject-test"], subject);
        Assert.Empty(Instruments(none.Body));
        Assert.Contains($"Showing 0 of {all.Count} assessments.", none.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "pick_points_invalid")]
    [InlineData("1001", "pick_points_invalid")]
    [InlineData("ten", "pick_points_invalid")]
    public async Task InvalidPointsAreRefusedWithTheirCodeAndNothingIsSigned(string points, string code)
    {
        var sid = await PickerSessionAsync();

        using var response = await PostAsync($"s/{sid}/pick?handler=Choose",
            [("chosen", SelfAssessment), ($"title-{SelfAssessment}", "Self-check"), ($"points-{SelfAssessment}", points)]);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<code>{code}</code>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"JWT\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyOrTooLongTitleIsRefused()
    {
        var sid = await PickerSessionAsync();

        using var empty = await PostAsync($"s/{sid}/pick?handler=Choose",
            [("chosen", SelfAssessment), ($"title-{SelfAssessment}", "  "), ($"points-{SelfAssessment}", "10")]);
        using var tooLong = await PostAsync($"s/{sid}/pick?handler=Choose",
            [("chosen", SelfAssessment), ($"title-{SelfAssessment}", new string('x', 256)), ($"points-{SelfAssessment}", "10")]);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("<code>pick_title_invalid</code>", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("<code>pick_title_invalid</code>", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoItemsWhereThePlatformAcceptsOneAreRefused()
    {
        var sid = await PickerSessionAsync(settings => settings["accept_multiple"] = false);
        var (_, page) = await env.Driver().GetAsync($"s/{sid}/pick");
        Assert.Contains("type=\"radio\"", page, StringComparison.Ordinal);

        using var response = await PostAsync($"s/{sid}/pick?handler=Choose",
            [("chosen", SelfAssessment), ($"title-{SelfAssessment}", "A"), ($"points-{SelfAssessment}", "5"),
             ("chosen", "teaching-situations"), ("title-teaching-situations", "B"), ("points-teaching-situations", "6")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("deep_linking_multiple_not_accepted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheResponseValidatesAgainstTheToolsJwksAndCarriesTheRequiredClaims()
    {
        const string data = "{\"course\":2,\"nonce\":\"é-42\"}";
        var sid = await PickerSessionAsync(settings => settings["data"] = data);

        using var response = await PostAsync($"s/{sid}/pick?handler=Choose",
            [("chosen", SelfAssessment), ($"title-{SelfAssessment}", "Social self-check"), ($"points-{SelfAssessment}", "40")]);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"action=\"{env.Platform.DeepLinkingReturnUrl.AbsoluteUri}\"", body, StringComparison.Ordinal);
        var token = await ValidateAsync(FormJwt(body));
        Assert.Equal(env.Platform.ClientId, token.Issuer);
        Assert.Equal([env.Platform.Issuer], token.Audiences);
        Assert.Equal(env.Platform.DeploymentId, token.GetClaim(Claims.DeploymentId).Value);
        Assert.Equal("LtiDeepLinkingResponse", token.GetClaim(Claims.MessageType).Value);
        Assert.Equal("1.3.0", token.GetClaim(Claims.Version).Value);
        Assert.Equal(data, token.GetClaim(Data).Value);

        var item = Assert.Single(token.GetPayloadValue<JsonElement>(ContentItems).EnumerateArray());
        Assert.Equal("ltiResourceLink", item.GetProperty("type").GetString());
        Assert.Equal("Social self-check", item.GetProperty("title").GetString());
        Assert.Equal(new Uri(env.Tool.BaseUrl, "lti/launch").AbsoluteUri, item.GetProperty("url").GetString());
        Assert.Equal(SelfAssessment, item.GetProperty("custom").GetProperty("ltipd_instrument").GetString());
        var lineItem = item.GetProperty("lineItem");
        Assert.Equal(40, lineItem.GetProperty("scoreMaximum").GetDouble());
        Assert.Equal("Social self-check", lineItem.GetProperty("label").GetString());
        Assert.Equal(SelfAssessment, lineItem.GetProperty("resourceId").GetString());
        Assert.Equal("ltipd", lineItem.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task NoLineItemIsSentWhereThePlatformIgnoresThem()
    {
        var sid = await PickerSessionAsync(settings => settings["accept_lineitem"] = false);

        using var response = await PostAsync($"s/{sid}/pick?handler=Choose",
            [("chosen", SelfAssessment), ($"title-{SelfAssessment}", "Self-check"), ($"points-{SelfAssessment}", "28")]);

        var token = await ValidateAsync(FormJwt(await response.Content.ReadAsStringAsync()));
        var item = Assert.Single(token.GetPayloadValue<JsonElement>(ContentItems).EnumerateArray());
        Assert.False(item.TryGetProperty("lineItem", out _));
    }

    [Fact]
    public async Task CancelSendsAResponseWithNoItems()
    {
        var sid = await PickerSessionAsync();

        using var response = await PostAsync($"s/{sid}/pick?handler=Cancel", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await ValidateAsync(FormJwt(await response.Content.ReadAsStringAsync()));
        Assert.Empty(token.GetPayloadValue<JsonElement>(ContentItems).EnumerateArray());
    }

    private async Task<string> PickerSessionAsync(Action<Dictionary<string, object?>>? settings = null)
    {
        var outcome = await env.Driver().LaunchAsync(env.Platform.Designer, draft =>
        {
            if (settings is null)
                return;
            var changed = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(draft.Claims[DeepLinkingSettings]))!;
            settings(changed);
            draft.Claims[DeepLinkingSettings] = changed;
        }, LaunchKind.DeepLinking);
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        Assert.Equal($"/s/{outcome.SessionId}/pick", outcome.Location);
        return outcome.SessionId!;
    }

    private async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
    }

    private async Task<JsonWebToken> ValidateAsync(string jwt)
    {
        using var client = env.Tool.CreateRawClient();
        var jwks = new JsonWebKeySet(await client.GetStringAsync("lti/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = env.Platform.ClientId,
            ValidAudience = env.Platform.Issuer,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    private static string FormJwt(string body) =>
        WebUtility.HtmlDecode(Regex.Match(body, "name=\"JWT\" value=\"([^\"]+)\"").Groups[1].Value);

    private static List<string> Instruments(string body) =>
        Regex.Matches(body, "data-instrument=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
}
