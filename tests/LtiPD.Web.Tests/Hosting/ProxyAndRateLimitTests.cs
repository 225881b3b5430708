using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Hosting;

/// <summary>
/// Issue 9's finding 5 and the missing limits: the client address the limits count is the connection's peer unless a
/// proxy named in the settings says otherwise, and each limited endpoint answers 429 with the code rate_limited.
/// </summary>
public sealed class ProxyAndRateLimitTests
{
    private const int SignInLimit = 3;

    [Fact]
    public async Task WrongSecretsWithRotatingXForwardedForFromAnUntrustedClientStillHitTheSignInLimit()
    {
        await using var tool = Tool(new() { ["RateLimits:AdminSignIn:PermitLimit"] = $"{SignInLimit}" });
        using var client = tool.CreateRawClient(new CookieContainer());

        for (var i = 1; i <= SignInLimit; i++)
        {
            using var wrong = await SignInAsync(client, "wrong-secret", forwardedFor: $"198.51.100.{i}");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }
        using var refused = await SignInAsync(client, "wrong-secret", forwardedFor: "198.51.100.200");
        using var rightButRefused = await SignInAsync(client, ToolFactory.AdminSecret, forwardedFor: "198.51.100.201");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limited", ErrorCode(await refused.Content.ReadAsStringAsync()));
        Assert.True(refused.Headers.RetryAfter is not null, "a 429 says when to come back");
        // While the address is locked out even the right secret is not tried, so guessing learns nothing.
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButRefused.StatusCode);
    }

    [Fact]
    public async Task ATrustedProxysXForwardedForNamesTheClientTheSignInLimitCounts()
    {
        await using var tool = Tool(new()
        {
            ["RateLimits:AdminSignIn:PermitLimit"] = $"{SignInLimit}",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
        using var client = tool.CreateRawClient(new CookieContainer());

        for (var i = 0; i < SignInLimit; i++)
            (await SignInAsync(client, "wrong-secret", forwardedFor: "203.0.113.7")).Dispose();
        using var guesserAgain = await SignInAsync(client, ToolFactory.AdminSecret, forwardedFor: "203.0.113.7");
        using var administrator = await SignInAsync(client, ToolFactory.AdminSecret, forwardedFor: "203.0.113.8");

        Assert.Equal(HttpStatusCode.TooManyRequests, guesserAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, administrator.StatusCode);
        Assert.Equal("/admin", administrator.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task WrongSecretsFromRotatingAddressesOfOneIPv6SubnetShareOneAllowance()
    {
        await using var tool = Tool(new()
        {
            ["RateLimits:AdminSignIn:PermitLimit"] = $"{SignInLimit}",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
        using var client = tool.CreateRawClient(new CookieContainer());

        for (var i = 1; i <= SignInLimit; i++)
            (await SignInAsync(client, "wrong-secret", forwardedFor: $"2001:db8:1:2::{i}")).Dispose();
        using var sameSubnet = await SignInAsync(client, ToolFactory.AdminSecret, forwardedFor: "2001:db8:1:2:ffff:ffff:ffff:ffff");
        using var otherSubnet = await SignInAsync(client, ToolFactory.AdminSecret, forwardedFor: "2001:db8:1:3::1");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameSubnet.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, otherSubnet.StatusCode);
    }

    [Fact]
    public async Task TheAdministratorSignsInAfterReloadingTheSignInPageFiftyTimes()
    {
        await using var tool = Tool(new() { ["RateLimits:AdminSignIn:PermitLimit"] = $"{SignInLimit}" });
        using var client = tool.CreateRawClient(new CookieContainer());

        for (var i = 0; i < 50; i++)
        {
            using var page = await client.GetAsync("admin/login");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var admin = await client.GetAsync("admin");
            Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        }
        using var signIn = await SignInAsync(client, ToolFactory.AdminSecret);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/admin", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LoginInitiationAnswers429WithTheStableCodeInTheReadersLanguageAfterItsLimit()
    {
        await using var tool = Tool(new() { ["RateLimits:Lti:PermitLimit"] = "5" });
        using var client = tool.CreateRawClient();

        for (var i = 0; i < 5; i++)
        {
            // Parameters missing: refused by the page, and still counted.
            using var counted = await client.GetAsync("lti/login");
            Assert.Equal(HttpStatusCode.BadRequest, counted.StatusCode);
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, "lti/login");
        request.Headers.AcceptLanguage.ParseAdd("ru");
        using var refused = await client.SendAsync(request);
        var body = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limited", ErrorCode(body));
        Assert.Contains("слишком много запросов", body, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ru\">", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaunchesAreCountedApartFromLoginInitiations()
    {
        await using var tool = Tool(new() { ["RateLimits:Lti:PermitLimit"] = "2" });
        using var client = tool.CreateRawClient();

        for (var i = 0; i < 2; i++)
            (await client.GetAsync("lti/login")).Dispose();
        using var launch = await client.PostAsync("lti/launch", new FormUrlEncodedContent(new Dictionary<string, string>()));
        using var deepLink = await client.PostAsync("lti/deeplink", new FormUrlEncodedContent(new Dictionary<string, string>()));
        using var thirdLaunch = await client.PostAsync("lti/launch", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, launch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, deepLink.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, thirdLaunch.StatusCode);
        Assert.Equal("rate_limited", ErrorCode(await thirdLaunch.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task DynamicRegistrationAnswers429WithTheStableCodeAfterTenStartsAMinute()
    {
        await using var tool = Tool(new() { ["RateLimits:Registration:PermitLimit"] = "10" });
        using var client = tool.CreateRawClient();

        // Without a link and with guessed links alike: each start counts, so links cannot be guessed at speed either.
        for (var i = 0; i < 10; i++)
        {
            using var counted = await client.GetAsync(i % 2 == 0 ? "lti/register" : $"lti/register/guess-{i}");
            Assert.Equal(HttpStatusCode.Forbidden, counted.StatusCode);
        }
        using var refused = await client.GetAsync("lti/register/guess-10?openid_configuration=https%3A%2F%2Flms.example.edu%2Fopenid");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limited", ErrorCode(await refused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AHostHeaderOtherThanThePublicBaseUrlsIsAnswered400()
    {
        await using var tool = Tool([]);
        using var client = tool.CreateRawClient();

        using var forged = new HttpRequestMessage(HttpMethod.Get, "lti/config");
        forged.Headers.Host = "attacker.example";
        using var refused = await client.SendAsync(forged);
        using var ours = await client.GetAsync("lti/config");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
        Assert.Contains(new Uri(tool.BaseUrl, "lti/login").AbsoluteUri, await ours.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RateLimits:Lti:PermitLimit", "0")]
    [InlineData("RateLimits:AdminSignIn:Window", "00:00:00")]
    public void TheToolRefusesToStartWithARateLimitOutOfRangeAndNamesTheSetting(string key, string value)
    {
        var refused = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() => Tool(new() { [key] = value }).Dispose());

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    private static ToolFactory Tool(Dictionary<string, string> settings) => new(TempFiles.NewDatabaseFile(), settings: settings);

    /// <summary>Opens the sign-in page (for its antiforgery token, as a browser would) and posts the secret.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string secret, string? forwardedFor = null)
    {
        var page = await client.GetStringAsync("admin/login");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var request = new HttpRequestMessage(HttpMethod.Post, "admin/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Secret"] = secret, ["__RequestVerificationToken"] = token }),
        };
        if (forwardedFor is not null)
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private static string? ErrorCode(string body) =>
        Regex.Match(body, "id=\"error-code\">([^<]+)<") is { Success: true } m ? m.Groups[1].Value : null;
}
