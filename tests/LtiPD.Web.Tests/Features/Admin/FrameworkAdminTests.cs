using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Admin;

public sealed partial class FrameworkAdminTests(SignedInAdmin env) : IClassFixture<SignedInAdmin>
{
    private const string Shipped = "admin/frameworks/ltipd-default/1.0";

    [Fact]
    public async Task TheShippedFrameworkIsListedWithCountsAndExportLinks()
    {
        using var client = SignedInClient();

        var page = await client.GetStringAsync("admin/frameworks");

        Assert.Contains("<code>ltipd-default</code>", page, StringComparison.Ordinal);
        Assert.Matches(@"\d+ social, \d+ subject, \d+ pedagogical", page);
        Assert.Contains("href=\"/admin/frameworks/ltipd-default/1.0/case?lang=ru\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/frameworks/ltipd-default/1.0/moodle.csv?lang=kk\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportsAreAttachmentsOfTheRightTypeAndTheSameEachTime()
    {
        using var client = SignedInClient();

        using var first = await client.GetAsync($"{Shipped}/case?lang=kk");
        using var second = await client.GetAsync($"{Shipped}/case?lang=kk");
        using var csv = await client.GetAsync($"{Shipped}/moodle.csv?lang=ru");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", first.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("ltipd-default-1.0-kk.case.json", first.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var package = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal("kk", (string?)package["CFDocument"]!["language"]);
        Assert.StartsWith(env.Tool.BaseUrl.AbsoluteUri + "uri/", (string?)package["CFDocument"]!["uri"], StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("ltipd-default-1.0-ru.moodle.csv", csv.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
    }

    [Fact]
    public async Task ACaseExportImportedUnderANewCodeRoundTripsThroughTheEndpoints()
    {
        using var client = SignedInClient();
        var shipped = await client.GetStringAsync($"{Shipped}/case?lang=en");

        using var imported = await UploadAsync(client, WithCodeAndVersion(shipped, "roundtrip", "2.0"), "case", "en");

        var body = await imported.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Matches("id=\"notice\"[^<]*roundtrip, version 2.0", body);
        Assert.Contains("<code>roundtrip</code>", await client.GetStringAsync("admin/frameworks"), StringComparison.Ordinal);

        var exported = await client.GetStringAsync("admin/frameworks/roundtrip/2.0/case?lang=en");
        Assert.NotEmpty(Items(shipped));
        Assert.Equal(Items(shipped), Items(exported));

        using var again = await UploadAsync(client, WithCodeAndVersion(exported, "roundtrip", "2.1"), "case", "en");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var reExported = await client.GetStringAsync("admin/frameworks/roundtrip/2.1/case?lang=en");
        Assert.Equal(Unstamped(exported), Unstamped(reExported));
    }

    [Fact]
    public async Task AMoodleCsvExportImportsUnderANewVersion()
    {
        using var client = SignedInClient();
        var csv = await client.GetStringAsync($"{Shipped}/moodle.csv?lang=en");
        var renamed = csv.Replace("data-version=\"\"1.0\"\">1.0<", "data-version=\"\"1.5\"\">1.5<", StringComparison.Ordinal);
        Assert.NotEqual(csv, renamed);

        using var response = await UploadAsync(client, renamed, "moodle-csv", "en");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("id=\"notice\"[^<]*ltipd-default, version 1.5", body);
        Assert.Equal(1, await env.Tool.WithDbAsync(db => db.Frameworks.CountAsync(f => f.Code == "ltipd-default" && f.Version == "1.5")));
        using var export = await client.GetAsync("admin/frameworks/ltipd-default/1.5/moodle.csv?lang=en");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }

    /// <summary>The stored instruments' problems under the new version read wholly in the administrator's language, each once.</summary>
    [Theory]
    [InlineData("en", "The stored instrument \"", "\" maps to competency \"{0}\", which the framework does not have.")]
    [InlineData("ru", "Сохранённый инструмент оценивания «", "» соотнесён с компетенцией «{0}», которой нет в рамке.")]
    [InlineData("kk", "Сақталған «", " шеңберде жоқ «{0}» құзыретіне байланған.")]
    public async Task ANewVersionWithoutACompetencyTheInstrumentsUseIsRefused(string language, string leadIn, string reason)
    {
        using var client = SignedInClient();
        var package = JsonNode.Parse(WithCodeAndVersion(await client.GetStringAsync($"{Shipped}/case?lang=en"), "ltipd-default", "3.0"))!;
        var competency = package["CFItems"]!.AsArray().First(i => (string?)i!["CFItemType"] == "Competency")!;
        var renamed = (string)competency["humanCodingScheme"]!;
        competency["humanCodingScheme"] = "renamed-competency";
        var before = await CountAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        using var response = await UploadAsync(client, package.ToJsonString(), "case", "en");

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var broken = Problems(page).Where(p => p.Field.StartsWith("instrument ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(broken);
        Assert.All(broken, p => Assert.Contains(": $.items[", p.Field, StringComparison.Ordinal));
        Assert.Contains($"<td>{leadIn}", page, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, reason, renamed) + "</td>", page, StringComparison.Ordinal);
        if (language != "en")
        {
            Assert.DoesNotContain("could not be", page, StringComparison.Ordinal);
            Assert.DoesNotContain("which the framework does not have", page, StringComparison.Ordinal);
        }

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task ABadCaseFileIsRefusedWithEveryProblemAndNothingStored()
    {
        using var client = SignedInClient();
        var package = JsonNode.Parse(await client.GetStringAsync($"{Shipped}/case?lang=en"))!;
        package["CFDocument"]!["extensions"]!["ltipdFrameworkCode"] = "broken";
        package["CFDocument"]!.AsObject().Remove("title");
        var childOf = package["CFAssociations"]!.AsArray().Select((a, i) => (a, i)).Last(x => (string?)x.a!["associationType"] == "isChildOf");
        childOf.a!["destinationNodeURI"]!["identifier"] = "00000000-0000-0000-0000-00000000beef";
        var before = await CountAsync();

        using var response = await UploadAsync(client, package.ToJsonString(), "case", "en");

        var problems = Problems(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(("$.CFDocument.title", "required"), problems);
        Assert.Contains(($"$.CFAssociations[{childOf.i}].destinationNodeURI", "unknown-parent"), problems);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task ACsvWithAWrongHeaderIsRefusedAndNothingStored()
    {
        using var client = SignedInClient();
        var csv = await client.GetStringAsync($"{Shipped}/moodle.csv?lang=en");
        var before = await CountAsync();

        using var response = await UploadAsync(client, "Parent" + csv[csv.IndexOf(',', StringComparison.Ordinal)..], "moodle-csv", "en");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(("Parent ID number", "wrong-header"), Problems(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("ru", "Столбец 1 заголовка должен называться «Parent ID number»; указано «Parent».", "Рамка «ltipd-default» версии «1.0» уже сохранена.")]
    [InlineData("kk", "Тақырып жолының 1-бағаны «Parent ID number» болуы керек; көрсетілгені: «Parent».", "«ltipd-default» шеңберінің «1.0» нұсқасы бұрыннан сақталған.")]
    public async Task ARefusedFileListsItsProblemsInTheAdministratorsLanguage(string language, string wrongHeader, string exists)
    {
        using var client = SignedInClient();
        var csv = await client.GetStringAsync($"{Shipped}/moodle.csv?lang=en");
        var shipped = await client.GetStringAsync($"{Shipped}/case?lang=en");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        using var unreadable = await UploadAsync(client, "Parent" + csv[csv.IndexOf(',', StringComparison.Ordinal)..], "moodle-csv", "en");
        using var stored = await UploadAsync(client, shipped, "case", "en");
        var unreadablePage = WebUtility.HtmlDecode(await unreadable.Content.ReadAsStringAsync());
        var storedPage = WebUtility.HtmlDecode(await stored.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains($"<td>{wrongHeader}</td>", unreadablePage, StringComparison.Ordinal);
        Assert.DoesNotContain("of the header must be", unreadablePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, stored.StatusCode);
        Assert.Contains($"<td>{exists} ", storedPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExistingCodeAndVersionIsRefusedWithConflictAndLeftAsItWas()
    {
        using var client = SignedInClient();
        var shipped = await client.GetStringAsync($"{Shipped}/case?lang=ru");
        var stored = await env.Tool.WithDbAsync(db => db.Frameworks.SingleAsync(f => f.Code == "ltipd-default" && f.Version == "1.0"));

        using var response = await UploadAsync(client, shipped, "case", "en");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(("version", "framework_exists"), Problems(await response.Content.ReadAsStringAsync()));
        var after = await env.Tool.WithDbAsync(db => db.Frameworks.SingleAsync(f => f.Code == "ltipd-default" && f.Version == "1.0"));
        Assert.Equal((stored.Document, stored.CreatedAt), (after.Document, after.CreatedAt));
    }

    [Fact]
    public async Task AnEmptyOrOversizedFileIsRefusedWithItsCode()
    {
        using var client = SignedInClient();
        var before = await CountAsync();

        using var empty = await UploadAsync(client, "", "case", "en");
        using var large = await UploadAsync(client, new string(' ', 2 * 1024 * 1024 + 1), "case", "en");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains(("file", "empty-file"), Problems(await empty.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains(("file", "file_too_large"), Problems(await large.Content.ReadAsStringAsync()));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task AnUnknownFrameworkHasNoExport()
    {
        using var client = SignedInClient();

        using var response = await client.GetAsync("admin/frameworks/no-such-framework/1.0/case?lang=en");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<code id=\"error-code\">framework_not_found</code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin/frameworks")]
    [InlineData("admin/frameworks/ltipd-default/1.0/case?lang=en")]
    [InlineData("admin/frameworks/ltipd-default/1.0/moodle.csv?lang=en")]
    public async Task FrameworkPagesAndExportsRequireSigningIn(string path)
    {
        using var client = env.Tool.CreateRawClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private HttpClient SignedInClient() => env.Tool.CreateRawClient(env.Cookies);

    /// <summary>Posts the upload form as a browser would: multipart, with the page's antiforgery token.</summary>
    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string file, string format, string language)
    {
        var page = await client.GetStringAsync("admin/frameworks");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(file));
        content.Headers.ContentType = new MediaTypeHeaderValue(format == "case" ? "application/json" : "text/csv");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new StringContent(format), "Format" },
            { new StringContent(language), "Language" },
            { content, "Upload", format == "case" ? "framework.json" : "framework.csv" },
        };
        return await client.PostAsync("admin/frameworks?handler=Import", form);
    }

    internal static string Token(string page) =>
        Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    private static string WithCodeAndVersion(string casePackage, string code, string version)
    {
        var package = JsonNode.Parse(casePackage)!;
        package["CFDocument"]!["extensions"]!["ltipdFrameworkCode"] = code;
        package["CFDocument"]!["version"] = version;
        return package.ToJsonString();
    }

    /// <summary>What a CASE reader sees of the content: each item's type, code and statement, in order.</summary>
    private static List<string> Items(string casePackage) =>
        JsonNode.Parse(casePackage)!["CFItems"]!.AsArray()
            .Select(i => $"{i!["CFItemType"]} {i["humanCodingScheme"]} {i["fullStatement"]}").ToList();

    /// <summary>The package without what differs between two stored versions: the version and the stored moment.</summary>
    private static string Unstamped(string casePackage) =>
        StampPattern().Replace(VersionPattern().Replace(casePackage, "\"version\": \"*\""), "\"lastChangeDateTime\": \"*\"");

    /// <summary>(field, code) of each row of the problem report.</summary>
    private static List<(string Field, string Code)> Problems(string page) =>
        ProblemRowPattern().Matches(page).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), m.Groups[2].Value)).ToList();

    private Task<int> CountAsync() => env.Tool.WithDbAsync(db => db.Frameworks.CountAsync());

    [GeneratedRegex("\"version\": \"[^\"]*\"")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("\"lastChangeDateTime\": \"[^\"]*\"")]
    private static partial Regex StampPattern();

    [GeneratedRegex("<td><code>([^<]*)</code></td>\\s*<td><code class=\"problem-code\">([^<]*)</code></td>")]
    private static partial Regex ProblemRowPattern();
}

/// <summary>
/// A tool with its own database and one admin sign-in shared by the tests of a class: signing in for each
/// test would run into the sign-in rate limit (10 a minute), which is there to stop guessing.
/// </summary>
public sealed class SignedInAdmin : IAsyncLifetime
{
    public ToolFactory Tool { get; private set; } = null!;
    public CookieContainer Cookies { get; } = new();

    public async Task InitializeAsync()
    {
        Tool = new ToolFactory(TempFiles.NewDatabaseFile());
        using var client = Tool.CreateRawClient(Cookies);
        var login = await client.GetStringAsync("admin/login");
        using var signIn = await client.PostAsync("admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Secret"] = ToolFactory.AdminSecret, ["__RequestVerificationToken"] = FrameworkAdminTests.Token(login),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    public async Task DisposeAsync() => await Tool.DisposeAsync();
}
