using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Shared;

/// <summary>Every status the tool answers with has a page a person understands, in their language, with its stable code.</summary>
public sealed class StatusPageTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    [Fact]
    public async Task AnAddressNoPageHasGetsAPageSayingSoWithItsCode()
    {
        using var client = env.Tool.CreateRawClient();

        using var response = await client.GetAsync("no-such-page");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not_found", ErrorCode(body));
        Assert.Contains("There is no page at this address.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "По этому адресу страницы нет.")]
    [InlineData("kk", "Бұл мекенжайда бет жоқ.")]
    public async Task TheStatusPageSpeaksTheBrowsersLanguage(string language, string sentence)
    {
        using var client = env.Tool.CreateRawClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        using var response = await client.GetAsync("no-such-page");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(sentence, body, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsideASessionAMistypedAddressSpeaksTheLaunchLanguageAndLeadsBackHome()
    {
        var launch = await env.Driver().LaunchAsync(env.Platform.Teacher, draft =>
            draft.Claims[Claims.LaunchPresentation] = new Dictionary<string, object?> { ["locale"] = "ru_RU", ["document_target"] = "iframe" });
        var sid = launch.SessionId!;

        var page = await env.Driver().GetAsync($"s/{sid}/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("По этому адресу страницы нет.", page.Body, StringComparison.Ordinal);
        Assert.Contains($"id=\"back-home\" href=\"/s/{sid}/home\"", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMethodAnEndpointDoesNotTakeGetsItsOwnPage()
    {
        using var client = env.Tool.CreateRawClient();

        using var response = await client.PostAsync("lti/jwks", new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method_not_allowed", ErrorCode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task TheToolHasAnIconThatEveryPageNames()
    {
        using var client = env.Tool.CreateRawClient();

        using var ico = await client.GetAsync("favicon.ico");
        using var svg = await client.GetAsync("static/favicon.svg");
        var login = await client.GetStringAsync("admin/login");

        Assert.Equal(HttpStatusCode.MovedPermanently, ico.StatusCode);
        Assert.Equal("/static/favicon.svg", ico.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<link rel=\"icon\" href=\"/static/favicon.svg\"", login, StringComparison.Ordinal);
    }

    private static string? ErrorCode(string body) => Regex.Match(body, "id=\"error-code\">([^<]+)<") is { Success: true } m ? m.Groups[1].Value : null;
}
