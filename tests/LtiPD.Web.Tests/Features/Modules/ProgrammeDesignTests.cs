using System.Net;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LtiPD.Web.Tests.Features.Feedback.FeedbackSteps;
using static LtiPD.Web.Tests.Features.Modules.DesignEnvironment;

namespace LtiPD.Web.Tests.Features.Modules;

/// <summary>
/// Programmes as course designers and administrators handle them, over real HTTP: export of the stored document, import by an
/// administrator (all or nothing, every problem with its path, a new version beside the old), preview as a teacher sees it, and
/// which courses of the designer's own platform use a programme.
/// </summary>
public sealed class ProgrammeDesignTests(DesignEnvironment env) : IClassFixture<DesignEnvironment>
{
    [Fact]
    public async Task ADesignerExportsTheStoredDocumentByteForByte()
    {
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, NewCourse());

        using var client = env.Tool.CreateRawClient();
        using var export = await client.GetAsync($"s/{designer}/programmes/{Programme}/export");
        var stored = await env.Tool.WithDbAsync(db => db.Programmes.AsNoTracking().Where(p => p.Code == Programme).OrderByDescending(p => p.Version).FirstAsync());

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"{Programme}-v{stored.Version}.json", export.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal(stored.Document, await export.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnExportImportedWithAHigherVersionBecomesTheNewestAndTheOldVersionStaysAsItWas()
    {
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, NewCourse());
        var exported = await ExportAsync(designer, Programme);
        var before = await env.Tool.WithDbAsync(db => db.Programmes.AsNoTracking().Where(p => p.Code == Programme).ToListAsync());
        var version = before.Max(p => p.Version) + 1;
        var revised = Edit(exported, doc =>
        {
            doc["version"] = version;
            doc["title"]!["en"] = "Teaching programming, revised";
        });

        using var imported = await env.ImportAsync(document: revised);
        using var again = await env.ImportAsync(document: revised);
        var againBody = await again.Content.ReadAsStringAsync();
        var after = await env.Tool.WithDbAsync(db => db.Programmes.AsNoTracking().Where(p => p.Code == Programme).ToListAsync());
        var (_, page) = await env.Driver().GetAsync($"s/{designer}/programmes");
        var (_, preview) = await env.Driver().GetAsync($"s/{designer}/programmes/{Programme}/preview");

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.All(before, old => Assert.Equal(old.Document, after.Single(p => p.Version == old.Version).Document));
        Assert.Equal(revised, after.Single(p => p.Version == version).Document);
        Assert.Contains("Teaching programming, revised", page, StringComparison.Ordinal);
        Assert.Contains($"data-version=\"{version}\"", preview, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"<code class=\"problem-code\">{ProgrammeCodes.Exists}</code>", againBody, StringComparison.Ordinal);
        Assert.Equal(after.Count, await env.Tool.WithDbAsync(db => db.Programmes.CountAsync(p => p.Code == Programme)));
    }

    [Fact]
    public async Task ANewProgrammeUploadedByAnAdministratorIsListedAndATeacherOpensItsModules()
    {
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, NewCourse());
        var document = Edit(await ExportAsync(designer, Programme), doc =>
        {
            doc["code"] = "new-programme";
            doc["version"] = 1;
            doc["title"]!["en"] = "A newly imported programme";
            foreach (var module in doc["modules"]!.AsArray())
                module!["code"] = "np-" + (string?)module["code"];
        });

        using var imported = await env.ImportAsync(file: document);
        using var admin = await env.AdminClientAsync();
        var list = await admin.GetStringAsync("admin/programmes");
        var (_, page) = await env.Driver().GetAsync($"s/{designer}/programmes");
        var teacher = await LaunchInAsync(env.Driver(), env.Platform.AddLearners(1)[0], NewCourse());
        var (status, module) = await env.Driver().GetAsync($"s/{teacher}/modules/np-reflective-practice");

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Contains("Imported “A newly imported programme” (new-programme, version 1) with 5 modules.", list, StringComparison.Ordinal);
        Assert.Contains("<tr data-programme=\"new-programme\" data-version=\"1\">", list, StringComparison.Ordinal);
        Assert.Contains("data-programme=\"new-programme\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-module=\"np-reflective-practice\"", module, StringComparison.Ordinal);
        Assert.Contains("data-status=\"open\"", module, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidProgrammeIsRefusedWithEveryProblemAndItsPathAndNothingIsStored()
    {
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, NewCourse());
        var document = Edit(await ExportAsync(designer, Programme), doc =>
        {
            doc["code"] = "broken-programme";
            doc["version"] = 1;
            doc["microObjectives"]![0]!["competencies"]![0] = "no-such-competency";
            doc["modules"]![1]!["diagnostics"]!["content"]!["instrument"] = "no-such-test";
        });
        var count = await env.Tool.WithDbAsync(db => db.Programmes.CountAsync());

        using var refused = await env.ImportAsync(document: document);
        using var malformed = await env.ImportAsync(document: """{ "format": "ltipd-programme/9", "code": "Not A Code", "version": 0 }""");
        var body = await refused.Content.ReadAsStringAsync();
        var malformedBody = await malformed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<h2 id=\"problems-title\">The document was not imported</h2>", body, StringComparison.Ordinal);
        var problems = Regex.Matches(body, "<code class=\"problem-path\">([^<]+)</code></td>\\s*<td><code class=\"problem-code\">([^<]+)</code>")
            .Select(m => (Path: WebUtility.HtmlDecode(m.Groups[1].Value), Code: m.Groups[2].Value)).ToList();
        Assert.Contains(("$.microObjectives[0].competencies[0]", "unknown-competency"), problems);
        Assert.Contains(("$.modules[1].diagnostics.content.instrument", "unknown-instrument"), problems);
        // Every module code of the copy belongs to the shipped programme, and each is reported.
        Assert.Equal(5, problems.Count(p => p.Code == ProgrammeCodes.ModuleCodeTaken));
        Assert.Contains(("$.modules[4].code", ProgrammeCodes.ModuleCodeTaken), problems);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("<code class=\"problem-path\">$.format</code>", malformedBody, StringComparison.Ordinal);
        Assert.Contains("<code class=\"problem-path\">$.version</code>", malformedBody, StringComparison.Ordinal);
        Assert.Contains("<code class=\"problem-path\">$.code</code>", malformedBody, StringComparison.Ordinal);
        Assert.Equal(count, await env.Tool.WithDbAsync(db => db.Programmes.CountAsync()));
        Assert.DoesNotContain("broken-programme", (await env.Driver().GetAsync($"s/{designer}/programmes")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePreviewShowsEveryModuleWithItsMaterialsAndNothingThatStartsWork()
    {
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, NewCourse());

        var (status, preview) = await env.Driver().GetAsync($"s/{designer}/programmes/{Programme}/preview");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5, Regex.Count(preview, "<section aria-labelledby=\"module-[^\"]+\" class=\"preview-module\""));
        Assert.Contains("From impression to evidence", preview, StringComparison.Ordinal);
        Assert.Contains("id=\"preview-note\"", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("/assess/", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LearnersGetThe403PageAndAnUnknownProgrammeIsA404()
    {
        var learner = await LaunchInAsync(env.Driver(), env.Platform.AddLearners(1)[0], NewCourse());
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, NewCourse());

        foreach (var path in new[] { "programmes", $"programmes/{Programme}/preview", $"programmes/{Programme}/export" })
        {
            var (status, body) = await env.Driver().GetAsync($"s/{learner}/{path}");
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("id=\"error-code\">role_forbidden<", body, StringComparison.Ordinal);
        }
        foreach (var path in new[] { "programmes/no-such/preview", "programmes/no-such/export" })
        {
            var (status, body) = await env.Driver().GetAsync($"s/{designer}/{path}");
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains($"id=\"error-code\">{ProgrammeCodes.NotFound}<", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithoutTheAdministratorsSignInAnImportIsSentToSignInAndStoresNothing()
    {
        var count = await env.Tool.WithDbAsync(db => db.Programmes.CountAsync());
        using var client = env.Tool.CreateRawClient();

        using var response = await client.PostAsync("admin/programmes?handler=Import",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Document"] = "{}" }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(count, await env.Tool.WithDbAsync(db => db.Programmes.CountAsync()));
    }

    [Fact]
    public async Task TheCoursesUsingAProgrammeAreThoseOfTheDesignersOwnPlatform()
    {
        await using var other = await PlatformSimulatorHost.StartAsync(new SimulatorOptions());
        await LtiEnvironment.RegisterAsync(env.Tool, other.Platform);
        var (here, elsewhere, theirs) = (NewCourse(), NewCourse(), NewCourse());
        var people = env.Platform.AddLearners(3);
        await CompleteAsync(env.Tool, env.Platform, people[0], here);
        await CompleteAsync(env.Tool, env.Platform, people[0], here, "course-design");
        await CompleteAsync(env.Tool, env.Platform, people[1], here);
        await CompleteAsync(env.Tool, env.Platform, people[2], elsewhere);
        await CompleteAsync(env.Tool, other.Platform, other.Platform.AddLearners(1)[0], theirs);
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, here);

        var (_, page) = await env.Driver().GetAsync($"s/{designer}/programmes");

        var section = Regex.Match(page, $"<ul class=\"programme-courses\" aria-labelledby=\"courses-{Programme}\".*?</ul>", RegexOptions.Singleline).Value;
        Assert.Matches($"<li data-context=\"{here}\">LTI Test Course \\(this course\\): 2 people completed a module</li>", section);
        Assert.Contains($"<li data-context=\"{elsewhere}\">", section, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, page, StringComparison.Ordinal);
    }

    private async Task<string> ExportAsync(string sid, string code)
    {
        using var client = env.Tool.CreateRawClient();
        return await client.GetStringAsync($"s/{sid}/programmes/{code}/export");
    }
}
