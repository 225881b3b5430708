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
        var goodBody = await good.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
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

    /// <summary>Fetches the page first for its antiforgery token, as a browser would.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        var page = await client.GetStringAsync(path.Split('?')[0]);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        form["__RequestVerificationToken"] = token;
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }
}
