using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Admin;

public sealed class AdminPageTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    [Fact]
    public async Task AdminPagesRequireSigningIn()
    {
        using var client = env.Tool.CreateRawClient();

        using var response = await client.GetAsync("admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongSecretIsRefusedWithAReason()
    {
        var cookies = new CookieContainer();
        using var client = env.Tool.CreateRawClient(cookies);

        using var response = await PostFormAsync(client, "admin/login", new() { ["Secret"] = "wrong" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not the admin secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminRegistersAPlatformAndSeesFieldErrorsForBadValues()
    {
        var cookies = new CookieContainer();
        using var client = env.Tool.CreateRawClient(cookies);
        using var signIn = await PostFormAsync(client, "admin/login", new() { ["Secret"] = ToolFactory.AdminSecret });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var bad = await PostFormAsync(client, "admin?handler=Add", new()
        {
            ["Issuer"] = "moodle", ["ClientId"] = "", ["AuthUrl"] = "https://lms.example.edu/auth",
            ["TokenUrl"] = "https://lms.example.edu/token", ["JwksUrl"] = "https://lms.example.edu/jwks", ["DeploymentIds"] = "",
        });
        var badBody = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"issuer-error\"", badBody, StringComparison.Ordinal);
        Assert.Contains("id=\"client-id-error\"", badBody, StringComparison.Ordinal);
        Assert.Contains("id=\"deployment-id-error\"", badBody, StringComparison.Ordinal);

        using var good = await PostFormAsync(client, "admin?handler=Add", new()
        {
            ["Issuer"] = "https://canvas.instructure.com", ["ClientId"] = "10000000000042", ["AuthUrl"] = "https://sso.canvaslms.com/api/lti/authorize_redirect",
            ["TokenUrl"] = "https://sso.canvaslms.com/login/oauth2/token", ["JwksUrl"] = "https://sso.canvaslms.com/api/lti/security/jwks", ["DeploymentIds"] = "12:abc, 13:def",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var goodBody = await client.GetStringAsync("admin");
        Assert.Contains("id=\"notice\">Registered https://canvas.instructure.com", goodBody, StringComparison.Ordinal);
        Assert.Contains("10000000000042", goodBody, StringComparison.Ordinal);
        Assert.Contains("12:abc, 13:def", goodBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminCreatesARegistrationLinkSeesItOnceAndFindsItInTheList()
    {
        var cookies = new CookieContainer();
        using var client = env.Tool.CreateRawClient(cookies);
        using var signIn = await PostFormAsync(client, "admin/login", new() { ["Secret"] = ToolFactory.AdminSecret });

        using var create = await PostFormAsync(client, "admin?handler=CreateLink", new() { ["LinkLabel"] = "Chemistry Moodle", ["LinkHours"] = "72" });

        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        var page = await client.GetStringAsync(create.Headers.Location!.OriginalString.TrimStart('/'));
        var url = Regex.Match(page, "id=\"new-link-url\">([^<]+)<").Groups[1].Value;
        Assert.Matches("/lti/register/[A-Za-z0-9_-]{43}$", url);
        Assert.Contains("Chemistry Moodle", page, StringComparison.Ordinal);
        Assert.Contains("not used yet", page, StringComparison.Ordinal);
        // Shown once: a reload neither repeats it nor creates another link.
        var reloaded = await client.GetStringAsync("admin");
        Assert.DoesNotContain("id=\"new-link-url\"", reloaded, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(reloaded, "Chemistry Moodle <span"));
    }

    [Fact]
    public async Task RotatingTheToolKeyHappensOnceHoweverOftenThePageIsReloadedAndTheKeysAreListed()
    {
        var cookies = new CookieContainer();
        using var client = env.Tool.CreateRawClient(cookies);
        using var signIn = await PostFormAsync(client, "admin/login", new() { ["Secret"] = ToolFactory.AdminSecret });
        var before = KidsIn(await client.GetStringAsync("lti/jwks"));

        using var rotate = await PostFormAsync(client, "admin?handler=Rotate", []);
        Assert.Equal(HttpStatusCode.Redirect, rotate.StatusCode);
        var page = await client.GetStringAsync("admin");
        for (var i = 0; i < 3; i++)
            page = await client.GetStringAsync("admin");

        var after = KidsIn(await client.GetStringAsync("lti/jwks"));
        Assert.Equal(before.Count + 1, after.Count);
        Assert.All(after, kid => Assert.Contains($"<code>{kid}</code>", page, StringComparison.Ordinal));
        Assert.Single(Regex.Matches(page, ">signing<"));
        Assert.Contains("retiring: published until", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingAPlatformAsksFirstAndOnlyTheConfirmationRemovesIt()
    {
        var cookies = new CookieContainer();
        using var client = env.Tool.CreateRawClient(cookies);
        using var signIn = await PostFormAsync(client, "admin/login", new() { ["Secret"] = ToolFactory.AdminSecret });
        using var add = await PostFormAsync(client, "admin?handler=Add", new()
        {
            ["Issuer"] = "https://moodle.remove.example", ["ClientId"] = "to-remove", ["AuthUrl"] = "https://moodle.remove.example/auth",
            ["TokenUrl"] = "https://moodle.remove.example/token", ["JwksUrl"] = "https://moodle.remove.example/jwks", ["DeploymentIds"] = "1",
        });
        var listed = await client.GetStringAsync("admin");
        var removeLink = Regex.Match(listed, "href=\"(\\?remove=\\d+)#remove-title\" aria-label=\"Remove https://moodle.remove.example to-remove\"").Groups[1].Value;
        Assert.NotEmpty(removeLink);

        var asking = await client.GetStringAsync("admin" + removeLink);
        Assert.Contains("id=\"remove-title\">Remove https://moodle.remove.example?", asking, StringComparison.Ordinal);
        Assert.Equal(1, await env.Tool.WithDbAsync(db => Task.FromResult(db.Platforms.Count(p => p.ClientId == "to-remove"))));

        using var confirmed = await PostFormAsync(client, "admin?handler=Remove", new() { ["issuer"] = "https://moodle.remove.example", ["clientId"] = "to-remove" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("Removed https://moodle.remove.example", await client.GetStringAsync("admin"), StringComparison.Ordinal);
        Assert.Equal(0, await env.Tool.WithDbAsync(db => Task.FromResult(db.Platforms.Count(p => p.ClientId == "to-remove"))));
    }

    private static List<string> KidsIn(string jwks) =>
        System.Text.Json.JsonDocument.Parse(jwks).RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToList();

    /// <summary>Fetches the page first for its antiforgery token, as a browser would.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        var page = await client.GetStringAsync(path.Split('?')[0]);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        form["__RequestVerificationToken"] = token;
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }
}
