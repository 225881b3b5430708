using System.Text.Json;
using LtiPD.Lti.DeepLinking;
using LtiPD.Lti.Messages;
using LtiPD.Lti.Tests.Support;
using LtiPD.PlatformSimulator;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.Lti.Tests.DeepLinking;

public sealed class DeepLinkingResponseBuilderTests
{
    private static LtiResourceLinkItem Module(string resourceId, string title = "Module 1: Feedback that moves learning") => new()
    {
        Title = title,
        Text = "A module of the professional development route.",
        Url = new Uri("https://tool.example/lti/launch"),
        Custom = new Dictionary<string, string> { ["module"] = resourceId },
        LineItem = new DeepLinkLineItem(20) { Label = title, ResourceId = resourceId, Tag = "ltipd" },
        Iframe = new IframePresentation(Height: 800),
    };

    [Fact]
    public async Task TheResponseIsSignedByTheToolKeyAndCarriesTheRequiredClaims()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var launch = env.DeepLinkingLaunch();

        var built = await env.DeepLinking.BuildAsync(launch, [Module("m1")], new DeepLinkingMessages(Message: "1 module added", Log: "m1"), default);

        Assert.Null(built.Error);
        var response = built.Response!;
        Assert.Equal(env.Platform.DeepLinkingReturnUrl, response.ReturnUrl);
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(response.Jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(await env.Keys.GetJwksJsonAsync(default)).GetSigningKeys(),
            ValidIssuer = env.Platform.ClientId,
            ValidAudience = env.Platform.Issuer,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var token = (JsonWebToken)validated.SecurityToken;
        Assert.False(string.IsNullOrEmpty(token.Kid));
        Assert.Equal("LtiDeepLinkingResponse", token.GetClaim(LtiClaims.MessageType).Value);
        Assert.Equal("1.3.0", token.GetClaim(LtiClaims.Version).Value);
        Assert.Equal(env.Platform.DeploymentId, token.GetClaim(LtiClaims.DeploymentId).Value);
        Assert.Equal("1 module added", token.GetClaim(LtiClaims.DeepLinkingMsg).Value);
        Assert.Equal("m1", token.GetClaim(LtiClaims.DeepLinkingLog).Value);
        Assert.False(token.TryGetClaim(LtiClaims.DeepLinkingErrorMsg, out _));
        Assert.False(string.IsNullOrEmpty(token.GetPayloadValue<string>("nonce")));
        Assert.Equal(300, token.GetPayloadValue<long>("exp") - token.GetPayloadValue<long>("iat"));

        var item = Assert.Single(token.GetPayloadValue<JsonElement>(LtiClaims.DeepLinkingContentItems).EnumerateArray());
        Assert.Equal("ltiResourceLink", item.GetProperty("type").GetString());
        Assert.Equal(1, item.EnumerateObject().Count(p => p.Name == "type"));
        Assert.Equal("https://tool.example/lti/launch", item.GetProperty("url").GetString());
        Assert.Equal("m1", item.GetProperty("custom").GetProperty("module").GetString());
        Assert.Equal(20, item.GetProperty("lineItem").GetProperty("scoreMaximum").GetDouble());
        Assert.Equal("m1", item.GetProperty("lineItem").GetProperty("resourceId").GetString());
        Assert.Equal(800, item.GetProperty("iframe").GetProperty("height").GetInt32());
        Assert.False(item.GetProperty("iframe").TryGetProperty("width", out _));
    }

    [Fact]
    public async Task EachResponseHasAFreshNonce()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var launch = env.DeepLinkingLaunch();

        var first = await env.DeepLinking.BuildAsync(launch, [Module("m1")], null, default);
        var second = await env.DeepLinking.BuildAsync(launch, [Module("m1")], null, default);

        Assert.NotEqual(new JsonWebToken(first.Response!.Jwt).GetPayloadValue<string>("nonce"), new JsonWebToken(second.Response!.Jwt).GetPayloadValue<string>("nonce"));
    }

    [Fact]
    public async Task TheRequestsDataComesBackExactlyAndNoDataClaimWhenThereWasNone()
    {
        await using var env = await ServiceEnvironment.StartAsync(PlatformFlavor.Canvas);
        var withData = env.DeepLinkingLaunch(s => s with { Data = "{\"a\": \"é ü\", \"b\": [1,2]}  " });
        var withoutData = env.DeepLinkingLaunch(s => s with { Data = null });

        var echoed = await env.DeepLinking.BuildAsync(withData, [Module("m1")], null, default);
        var none = await env.DeepLinking.BuildAsync(withoutData, [], null, default);

        Assert.Equal("{\"a\": \"é ü\", \"b\": [1,2]}  ", new JsonWebToken(echoed.Response!.Jwt).GetPayloadValue<string>(LtiClaims.DeepLinkingData));
        Assert.False(new JsonWebToken(none.Response!.Jwt).TryGetClaim(LtiClaims.DeepLinkingData, out _));
    }

    [Fact]
    public async Task MoreThanOneItemIsRefusedWhenThePlatformAcceptsOne()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var launch = env.DeepLinkingLaunch(s => s with { AcceptMultiple = false });

        var two = await env.DeepLinking.BuildAsync(launch, [Module("m1"), Module("m2")], null, default);
        var one = await env.DeepLinking.BuildAsync(launch, [Module("m1")], null, default);

        Assert.Equal(LtiErrorCodes.DeepLinkingMultipleNotAccepted, two.Error?.Code);
        Assert.Null(two.Response);
        Assert.Null(one.Error);
    }

    [Fact]
    public async Task AMissingAcceptMultipleCountsAsOneItemOnly()
    {
        await using var env = await ServiceEnvironment.StartAsync();

        var built = await env.DeepLinking.BuildAsync(env.DeepLinkingLaunch(s => s with { AcceptMultiple = null }), [Module("m1"), Module("m2")], null, default);

        Assert.Equal(LtiErrorCodes.DeepLinkingMultipleNotAccepted, built.Error?.Code);
    }

    [Fact]
    public async Task AContentTypeThePlatformDoesNotAcceptIsRefused()
    {
        await using var env = await ServiceEnvironment.StartAsync();

        var built = await env.DeepLinking.BuildAsync(env.DeepLinkingLaunch(), [new LinkItem(new Uri("https://example.org/reading")) { Title = "Reading" }], null, default);

        Assert.Equal(LtiErrorCodes.DeepLinkingTypeNotAccepted, built.Error?.Code);
        Assert.Contains("'link'", built.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("ltiResourceLink", built.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APresentationTargetThePlatformDoesNotAcceptIsRefused()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var launch = env.DeepLinkingLaunch(s => s with { AcceptPresentationDocumentTargets = ["window"] });

        var iframe = await env.DeepLinking.BuildAsync(launch, [Module("m1")], null, default);
        var window = await env.DeepLinking.BuildAsync(launch, [Module("m1") with { Iframe = null, Window = new WindowPresentation("ltipd") }], null, default);
        var noWish = await env.DeepLinking.BuildAsync(launch, [Module("m1") with { Iframe = null }], null, default);

        Assert.Equal(LtiErrorCodes.DeepLinkingTargetNotAccepted, iframe.Error?.Code);
        Assert.Null(window.Error);
        Assert.Null(noWish.Error);
    }

    [Fact]
    public async Task ALineItemIsRefusedWhenThePlatformSaysItCreatesNone()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var launch = env.DeepLinkingLaunch(s => s with { AcceptLineItem = false });

        var built = await env.DeepLinking.BuildAsync(launch, [Module("m1")], null, default);
        var ungraded = await env.DeepLinking.BuildAsync(launch, [Module("m1") with { LineItem = null }], null, default);

        Assert.Equal(LtiErrorCodes.DeepLinkingLineItemNotAccepted, built.Error?.Code);
        Assert.Null(ungraded.Error);
    }

    [Fact]
    public async Task AResourceLinkLaunchCannotAnswerWithContent()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var launch = env.DeepLinkingLaunch();
        var resourceLaunch = launch with { Message = launch.Message with { MessageType = LtiMessageTypes.ResourceLinkRequest } };

        var built = await env.DeepLinking.BuildAsync(resourceLaunch, [Module("m1")], null, default);

        Assert.Equal(LtiErrorCodes.NotADeepLinkingRequest, built.Error?.Code);
    }

    [Fact]
    public async Task TheAutoPostFormCarriesTheJwtToTheReturnUrl()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var response = (await env.DeepLinking.BuildAsync(env.DeepLinkingLaunch(), [Module("m1")], null, default)).Response!;

        var html = response.ToAutoPostHtml(scriptNonce: "n0nce", buttonText: "Terug naar <Moodle>");

        Assert.Equal(response.Jwt, response.FormFields["JWT"]);
        Assert.Contains($"action=\"{response.ReturnUrl.AbsoluteUri}\"", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"JWT\" value=\"{response.Jwt}\"", html, StringComparison.Ordinal);
        Assert.Contains("<script nonce=\"n0nce\">", html, StringComparison.Ordinal);
        Assert.Contains("Terug naar &lt;Moodle&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlatformFlavor.Moodle)]
    [InlineData(PlatformFlavor.Canvas)]
    public async Task PostedToTheReturnUrlTheLinkAndItsLineItemAreAddedToTheCourse(PlatformFlavor flavor)
    {
        await using var env = await ServiceEnvironment.StartAsync(flavor);
        var response = (await env.DeepLinking.BuildAsync(env.DeepLinkingLaunch(),
            [Module("m1"), Module("m2", "Module 2: Questioning")], new DeepLinkingMessages(Message: "2 modules added"), default)).Response!;

        using var http = new HttpClient();
        using var answer = await http.PostAsync(response.ReturnUrl, new FormUrlEncodedContent(response.FormFields));

        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, body);
        var received = Assert.Single(env.Platform.DeepLinkingResponses);
        Assert.Equal("2 modules added", received.Message);
        Assert.Equal(["Module 1: Feedback that moves learning", "Module 2: Questioning"], received.CreatedLinks.Select(l => l.Title));
        foreach (var (link, resourceId) in received.CreatedLinks.Zip(["m1", "m2"]))
        {
            Assert.Contains(link, env.Platform.ResourceLinks);
            Assert.Equal(resourceId, link.Custom["module"]);
            Assert.Equal(new Uri("https://tool.example/lti/launch"), link.TargetLinkUri);
            var lineItem = Assert.Single(env.Platform.LineItems, i => i.ResourceLinkId == link.Id);
            Assert.Equal((20.0, resourceId, "ltipd", link.Title), (lineItem.ScoreMaximum, lineItem.ResourceId, lineItem.Tag, lineItem.Label));
        }
    }
}
