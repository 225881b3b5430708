using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Admin;

/// <summary>
/// The admin pages in English, Russian and Kazakh: no LMS names a language there, so the browser's Accept-Language decides
/// until the administrator chooses one with the switch on the page, which then holds on every page, sign-in included.
/// </summary>
public sealed partial class AdminLanguageTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    [Theory]
    [InlineData("ru", "Администрирование", "Зарегистрировать платформу", "Сменить ключ инструмента")]
    [InlineData("kk", "Әкімшілендіру", "Платформаны тіркеу", "Құрал кілтін ауыстыру")]
    public async Task TheAdminPageReadsInTheBrowsersLanguage(string language, string heading, string section, string button)
    {
        using var client = await AdminSession.SignInAsync(env.Tool.BaseUrl);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var page = await client.GetStringAsync("admin");

        Assert.Contains($"<html lang=\"{language}\">", page, StringComparison.Ordinal);
        Assert.Contains($"<h1>{heading}</h1>", page, StringComparison.Ordinal);
        Assert.Contains($">{section}</h2>", page, StringComparison.Ordinal);
        Assert.Contains($">{button}</button>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Rotate tool key", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Registered platforms", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLanguageChosenWithTheSwitchHoldsOnEveryAdminPageOverTheBrowsersLanguage()
    {
        using var client = await AdminSession.SignInAsync(env.Tool.BaseUrl);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        using var switched = await SwitchAsync(client, "admin", "kk", "/admin/grades");

        Assert.Equal(HttpStatusCode.SeeOther, switched.StatusCode);
        Assert.Equal("/admin/grades", switched.Headers.Location!.OriginalString);
        Assert.Contains("<h1>LMS-ке әлі жетпеген бағалар</h1>", await client.GetStringAsync("admin/grades"), StringComparison.Ordinal);
        var programmes = await client.GetStringAsync("admin/programmes");
        Assert.Contains("<h1>Микробіліктілік бағдарламалары</h1>", programmes, StringComparison.Ordinal);
        Assert.Contains(">Импорттау</button>", programmes, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"page-title\">Бүкіл мекеме бойынша даму</h1>", await client.GetStringAsync("admin/development"), StringComparison.Ordinal);
        Assert.Contains("aria-pressed=\"true\">Қазақша</button>", await client.GetStringAsync("admin/frameworks"), StringComparison.Ordinal);

        using var back = await SwitchAsync(client, "admin/frameworks", "ru", "/admin");
        Assert.Contains("<h1>Администрирование</h1>", await client.GetStringAsync("admin"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusalOnAnAdminPageReadsInTheChosenLanguage()
    {
        using var client = await AdminSession.SignInAsync(env.Tool.BaseUrl);
        using var switched = await SwitchAsync(client, "credentials/verify", "ru", "/admin/credentials");

        using var refused = await AdminSession.PostFormAsync(client, "admin/credentials?handler=Revoke", new() { ["id"] = "no-such-credential", ["reason"] = "" });
        var body = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Укажите причину отзыва (не более 500 символов)", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Give the reason", body, StringComparison.Ordinal);

        var (status, missing) = await GetAsync(client, "admin/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("<a id=\"back-home\" href=\"/admin\">Назад к администрированию</a>", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongSecretIsRefusedInTheLanguageChosenBeforeSigningIn()
    {
        var cookies = new CookieContainer();
        using var client = env.Tool.CreateRawClient(cookies);
        using var switched = await SwitchAsync(client, "admin/login", "kk", "/admin/login");

        using var refused = await AdminSession.PostFormAsync(client, "admin/login", new() { ["Secret"] = "not-the-secret" });
        var body = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<h1>Әкімшінің кіруі</h1>", body, StringComparison.Ordinal);
        Assert.Contains("Бұл осы құралдың әкімші құпиясы емес", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de", "/admin")]
    [InlineData("ru", "https://elsewhere.example/")]
    [InlineData("ru", "//elsewhere.example/")]
    public async Task TheSwitchRefusesAnUnknownLanguageOrAnotherSitesAddress(string language, string returnUrl)
    {
        using var client = await AdminSession.SignInAsync(env.Tool.BaseUrl);

        using var refused = await SwitchAsync(client, "admin", language, returnUrl);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
    }

    [Fact]
    public async Task TheSwitchNeedsTheAntiforgeryTokenOfThePage()
    {
        using var client = await AdminSession.SignInAsync(env.Tool.BaseUrl);

        using var refused = await client.PostAsync("language", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "ru", ["returnUrl"] = "/admin" }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    /// <summary>Presses a language button of <paramref name="page"/>, as a browser would: the form carries that page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> SwitchAsync(HttpClient client, string page, string language, string returnUrl)
    {
        var html = await client.GetStringAsync(page);
        var form = SwitchForm().Match(html);
        Assert.True(form.Success, $"{page} has no language switch.");
        var token = Token().Match(form.Value).Groups[1].Value;
        Assert.NotEmpty(token);
        return await client.PostAsync("language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = language, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
        }));
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<form method=\"post\" action=\"/language\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex SwitchForm();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
