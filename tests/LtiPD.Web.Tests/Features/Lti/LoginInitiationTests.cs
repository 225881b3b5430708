using System.Net;
using System.Text.Json;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Lti;

public sealed class LoginInitiationTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnswersWithAGetRedirectToThePlatformAuthEndpointCarryingEveryOidcParameter(bool post)
    {
        var login = await env.Driver().StartLoginAsync(usePost: post);

        Assert.Equal(HttpStatusCode.Redirect, login.Response.StatusCode);
        var location = login.Response.Headers.Location!;
        Assert.Equal(env.Platform.AuthUrl.GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        Assert.Equal("openid", login.AuthQuery["scope"]);
        Assert.Equal("id_token", login.AuthQuery["response_type"]);
        Assert.Equal("form_post", login.AuthQuery["response_mode"]);
        Assert.Equal("none", login.AuthQuery["prompt"]);
        Assert.Equal(env.Platform.ClientId, login.AuthQuery["client_id"]);
        Assert.Equal(new Uri(env.Tool.BaseUrl, "lti/launch").AbsoluteUri, login.AuthQuery["redirect_uri"]);
        Assert.Equal(env.Platform.Teacher.Sub, login.AuthQuery["login_hint"]);
        Assert.Equal("{\"cmid\":2,\"launchid\":\"ltilaunch1_1183652208\"}", login.AuthQuery["lti_message_hint"]);
        Assert.True(login.State.Length >= 43 && login.Nonce.Length >= 43 && login.State != login.Nonce);
    }

    [Fact]
    public async Task AcceptsMoodlesRecordedLoginInitiationForm()
    {
        var fixture = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "moodle-4.5.6", "login-initiation-resource-link.json")));
        Assert.Equal("POST", fixture.RootElement.GetProperty("method").GetString());
        var form = fixture.RootElement.GetProperty("form").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        // The recorded values, re-pointed at this simulator and this tool.
        form["iss"] = env.Platform.Issuer;
        form["client_id"] = env.Platform.ClientId;
        form["target_link_uri"] = new Uri(env.Tool.BaseUrl, "lti/launch").AbsoluteUri;

        var login = await env.Driver().StartLoginAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, login.Response.StatusCode);
        Assert.Equal(form["lti_message_hint"], login.AuthQuery["lti_message_hint"]);
    }

    [Fact]
    public async Task UsesTheDeepLinkingUrlAsRedirectUriWhenThatIsTheTarget()
    {
        var login = await env.Driver().StartLoginAsync(new() { ["target_link_uri"] = new Uri(env.Tool.BaseUrl, "lti/deeplink").AbsoluteUri });

        Assert.Equal(new Uri(env.Tool.BaseUrl, "lti/deeplink").AbsoluteUri, login.AuthQuery["redirect_uri"]);
    }

    [Fact]
    public async Task AcceptsCanvasDeploymentIdParameterName()
    {
        var login = await env.Driver().StartLoginAsync(new() { ["lti_deployment_id"] = null!, ["deployment_id"] = env.Platform.DeploymentId });

        Assert.Equal(HttpStatusCode.Redirect, login.Response.StatusCode);
    }

    [Theory]
    [InlineData("iss", "https://unknown.example", "unknown_issuer")]
    [InlineData("client_id", "not-registered", "unknown_client_id")]
    [InlineData("lti_deployment_id", "42", "unknown_deployment")]
    [InlineData("iss", null, "login_parameter_missing")]
    [InlineData("login_hint", null, "login_parameter_missing")]
    [InlineData("target_link_uri", null, "login_parameter_missing")]
    [InlineData("target_link_uri", "javascript:alert(1)", "login_parameter_missing")]
    public async Task RefusesABadLoginInitiationWithItsCode(string parameter, string? value, string expectedCode)
    {
        var login = await env.Driver().StartLoginAsync(new() { [parameter] = value! });

        Assert.Equal(HttpStatusCode.BadRequest, login.Response.StatusCode);
        Assert.Null(login.Response.Headers.Location);
        Assert.Contains($"id=\"error-code\">{expectedCode}<", await login.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
