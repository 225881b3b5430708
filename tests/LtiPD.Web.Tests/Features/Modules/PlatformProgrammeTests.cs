using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LtiPD.Data.Entities;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LtiPD.Web.Tests.Features.Feedback.FeedbackSteps;
using static LtiPD.Web.Tests.Features.Modules.DesignEnvironment;

namespace LtiPD.Web.Tests.Features.Modules;

/// <summary>
/// Programmes course designers import for their own platform, over real HTTP with two platforms: the designer's platform sees,
/// picks and launches them; another platform cannot tell them from programmes and modules that do not exist; an import is all or
/// nothing with every problem listed; learners cannot import; a designer never changes a tool-wide programme; an administrator's
/// import stays tool-wide and reaches every platform.
/// </summary>
public sealed class PlatformProgrammeTests(DesignEnvironment env) : IClassFixture<DesignEnvironment>
{
    [Fact]
    public async Task ADesignerImportsAProgrammeForTheirPlatformAndItsTeachersPickAndOpenItsModules()
    {
        var course = NewCourse();
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, course);
        var (code, module, document) = await NewProgrammeAsync(designer);

        using var imported = await DesignerImportAsync(designer, document: document);
        var (_, page) = await env.Driver().GetAsync(imported.Headers.Location!.OriginalString.TrimStart('/'));
        var stored = await env.Tool.WithDbAsync(db => db.Programmes.AsNoTracking().SingleAsync(p => p.Code == code));
        var platformId = await env.Tool.WithDbAsync(db => db.Platforms.Where(p => p.Issuer == env.Platform.Issuer).Select(p => p.Id).SingleAsync());
        var picker = (await env.Driver().LaunchAsync(env.Platform.Designer, kind: LaunchKind.DeepLinking)).SessionId!;
        var (_, pick) = await env.Driver().GetAsync($"s/{picker}/pick");
        var launch = await env.Driver().LaunchAsync(env.Platform.AddLearners(1)[0], LinkTo(module));
        var (moduleStatus, modulePage) = await env.Driver().GetAsync(launch.Location!.TrimStart('/'));
        using var export = await env.Tool.CreateRawClient().GetAsync($"s/{designer}/programmes/{code}/export");
        var (previewStatus, _) = await env.Driver().GetAsync($"s/{designer}/programmes/{code}/preview");

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal($"/s/{designer}/programmes?imported={code}", imported.Headers.Location!.OriginalString);
        Assert.Contains($"<p role=\"status\" id=\"notice\">Imported “Our own programme” ({code}, version 1) with 5 modules.", page, StringComparison.Ordinal);
        Assert.Contains($"data-programme=\"{code}\"", page, StringComparison.Ordinal);
        Assert.Matches($"<h2 id=\"programme-{code}\">Our own programme</h2>\\s*<p class=\"muted\" data-owner=\"platform\">", page);
        Assert.Equal(platformId, stored.OwnerPlatformId);
        Assert.Equal(document, stored.Document);
        Assert.Contains($"data-module=\"{module}\"", pick, StringComparison.Ordinal);
        Assert.Equal($"/s/{launch.SessionId}/modules/{module}", launch.Location);
        Assert.Equal(HttpStatusCode.OK, moduleStatus);
        Assert.Contains($"data-module=\"{module}\"", modulePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(document, await export.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, previewStatus);
    }

    [Fact]
    public async Task AnotherPlatformCannotTellAPlatformsProgrammeFromOneThatDoesNotExist()
    {
        await using var other = await PlatformSimulatorHost.StartAsync(new SimulatorOptions());
        await LtiEnvironment.RegisterAsync(env.Tool, other.Platform);
        var theirDriver = new LaunchDriver(env.Tool, other.Platform);
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, NewCourse());
        var (code, module, document) = await NewProgrammeAsync(designer);
        using var imported = await DesignerImportAsync(designer, document: document);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var theirs = await LaunchInAsync(theirDriver, other.Platform.Designer, NewCourse());

        var (_, list) = await theirDriver.GetAsync($"s/{theirs}/programmes");
        var picker = (await theirDriver.LaunchAsync(other.Platform.Designer, kind: LaunchKind.DeepLinking)).SessionId!;
        var (_, pick) = await theirDriver.GetAsync($"s/{picker}/pick");
        var chosen = await ChooseModuleAsync(picker, module);
        var unknownChosen = await ChooseModuleAsync(picker, "no-such-module");
        var teacher = other.Platform.AddLearners(1)[0];
        var launched = await theirDriver.LaunchAsync(teacher, LinkTo(module));
        var (moduleStatus, modulePage) = await theirDriver.GetAsync(launched.Location!.TrimStart('/'));
        var (unknownStatus, unknownPage) = await theirDriver.GetAsync($"s/{launched.SessionId}/modules/no-such-module");
        var refusals = new List<(HttpStatusCode Status, string Body)>();
        foreach (var path in new[] { $"programmes/{code}/preview", $"programmes/{code}/export", "programmes/no-such/preview", "programmes/no-such/export" })
            refusals.Add(await theirDriver.GetAsync($"s/{theirs}/{path}"));
        using var sameCode = await DesignerImportAsync(theirs, document: Edit(document, doc =>
        {
            Prefix(doc, "x-" + code);
            doc["code"] = code;
        }));
        using var toolWideCode = await DesignerImportAsync(theirs, document: Edit(document, doc =>
        {
            Prefix(doc, "y-" + code);
            doc["code"] = Programme;
        }));
        using var sameModules = await DesignerImportAsync(theirs, document: Edit(document, doc =>
        {
            doc["code"] = "z-" + code;
            doc["modules"]![0]!["code"] = Module;
        }));
        var sameCodeProblems = Problems(await sameCode.Content.ReadAsStringAsync());
        var toolWideProblems = Problems(await toolWideCode.Content.ReadAsStringAsync());
        var moduleProblems = Problems(await sameModules.Content.ReadAsStringAsync());

        Assert.DoesNotContain(code, list, StringComparison.Ordinal);
        Assert.Contains($"data-programme=\"{Programme}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain(module, pick, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, chosen.Status);
        Assert.Equal(unknownChosen.Status, chosen.Status);
        Assert.Contains("<code>pick_unknown_module</code>", chosen.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, moduleStatus);
        Assert.Equal(unknownStatus, moduleStatus);
        Assert.Contains("id=\"error-code\">module_not_found<", modulePage, StringComparison.Ordinal);
        Assert.Equal(Regex.Match(unknownPage, "<main.*</main>", RegexOptions.Singleline).Value,
            Regex.Match(modulePage, "<main.*</main>", RegexOptions.Singleline).Value.Replace(module, "no-such-module", StringComparison.Ordinal));
        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.NotFound, r.Status));
        Assert.All(refusals, r => Assert.Contains($"id=\"error-code\">{ProgrammeCodes.NotFound}<", r.Body, StringComparison.Ordinal));
        Assert.All(refusals, r => Assert.DoesNotContain("Our own programme", r.Body, StringComparison.Ordinal));
        // A code of another platform's programme is refused exactly as a tool-wide code is: the sentence names the code, not its owner.
        Assert.Equal(HttpStatusCode.Conflict, sameCode.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, toolWideCode.StatusCode);
        var sameCodeRefusal = Assert.Single(sameCodeProblems, p => p.Path == "$.code");
        var toolWideRefusal = Assert.Single(toolWideProblems, p => p.Path == "$.code");
        Assert.Equal(ProgrammeCodes.CodeNotAvailable, sameCodeRefusal.Code);
        Assert.Equal(toolWideRefusal.Code, sameCodeRefusal.Code);
        Assert.Equal(toolWideRefusal.Message.Replace(Programme, "CODE", StringComparison.Ordinal), sameCodeRefusal.Message.Replace(code, "CODE", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, sameModules.StatusCode);
        Assert.Equal(5, moduleProblems.Count(p => p.Code == ProgrammeCodes.ModuleCodeTaken));
        var toolWideModule = moduleProblems.Single(p => p.Path == "$.modules[0].code").Message;
        var theirModule = moduleProblems.Single(p => p.Path == "$.modules[1].code").Message;
        var secondModule = (string)JsonNode.Parse(document)!["modules"]![1]!["code"]!;
        Assert.Equal(toolWideModule.Replace(Module, "CODE", StringComparison.Ordinal), theirModule.Replace(secondModule, "CODE", StringComparison.Ordinal));
        Assert.Equal(1, await env.Tool.WithDbAsync(db => db.Programmes.CountAsync(p => p.Code == code)));
        Assert.False(await env.Tool.WithDbAsync(db => db.Programmes.AnyAsync(p => p.Code == "z-" + code)));
    }

    [Fact]
    public async Task ABadDocumentListsEveryProblemWithItsPositionAndStoresNothing()
    {
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, NewCourse());
        var (_, _, document) = await NewProgrammeAsync(designer);
        var broken = Edit(document, doc =>
        {
            doc["microObjectives"]![0]!["competencies"]![0] = "no-such-competency";
            doc["modules"]![1]!["diagnostics"]!["content"]!["instrument"] = "no-such-test";
            doc["modules"]![3]!["code"] = Module;
        });
        var count = await env.Tool.WithDbAsync(db => db.Programmes.CountAsync());

        using var refused = await DesignerImportAsync(designer, file: broken);
        var body = await refused.Content.ReadAsStringAsync();
        using var nothing = await DesignerImportAsync(designer);
        using var both = await DesignerImportAsync(designer, document: document, file: document);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<h2 id=\"problems-title\">The document was not imported</h2>", body, StringComparison.Ordinal);
        var problems = Problems(body);
        Assert.Contains(problems, p => p is { Path: "$.microObjectives[0].competencies[0]", Code: "unknown-competency" });
        Assert.Contains(problems, p => p is { Path: "$.modules[1].diagnostics.content.instrument", Code: "unknown-instrument" });
        Assert.Contains(problems, p => p is { Path: "$.modules[3].code", Code: ProgrammeCodes.ModuleCodeTaken });
        Assert.Contains("<input type=\"file\" id=\"file\" name=\"Upload\"", body, StringComparison.Ordinal);
        Assert.Contains($"action=\"/s/{designer}/programmes?handler=Import\"", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Contains("<code class=\"problem-code\">empty-file</code>", await nothing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal(count, await env.Tool.WithDbAsync(db => db.Programmes.CountAsync()));
    }

    [Theory]
    [InlineData("ru_RU", "Микроцель «{0}» называет компетенцию «no-such-competency», которой нет в рамке.")]
    [InlineData("kk", "«{0}» микромақсаты шеңберде жоқ «no-such-competency» құзыретін атайды.")]
    public async Task ARefusedImportListsItsProblemsInTheDesignersLanguage(string locale, string sentence)
    {
        var outcome = await env.Driver().LaunchAsync(env.Platform.Designer, draft =>
        {
            ((Dictionary<string, object?>)draft.Claims[Claims.Context]!)["id"] = NewCourse();
            draft.Claims[Claims.LaunchPresentation] = new Dictionary<string, object?> { ["locale"] = locale, ["document_target"] = "iframe" };
        });
        var designer = outcome.SessionId!;
        var (_, _, document) = await NewProgrammeAsync(designer);
        var objective = (string)JsonNode.Parse(document)!["microObjectives"]![0]!["code"]!;
        var broken = Edit(document, doc => doc["microObjectives"]![0]!["competencies"]![0] = "no-such-competency");

        using var refused = await DesignerImportAsync(designer, document: broken);
        var problems = Problems(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = Assert.Single(problems, p => p.Code == "unknown-competency");
        Assert.Equal(("$.microObjectives[0].competencies[0]", string.Format(CultureInfo.InvariantCulture, sentence, objective)), (problem.Path, problem.Message));
    }

    [Fact]
    public async Task ALearnerGetsThe403PageAndImportsNothing()
    {
        var learner = await LaunchInAsync(env.Driver(), env.Platform.AddLearners(1)[0], NewCourse());
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, NewCourse());
        var (code, _, document) = await NewProgrammeAsync(designer);

        using var refused = await DesignerImportAsync(learner, document: document);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("id=\"error-code\">role_forbidden<", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await env.Tool.WithDbAsync(db => db.Programmes.AnyAsync(p => p.Code == code)));
    }

    [Fact]
    public async Task ADesignerPublishesNewVersionsOfTheirOwnProgrammeButNeverOfAToolWideOne()
    {
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, NewCourse());
        var (code, _, document) = await NewProgrammeAsync(designer);
        using var first = await DesignerImportAsync(designer, document: document);
        var shipped = await env.Tool.CreateRawClient().GetStringAsync($"s/{designer}/programmes/{Programme}/export");
        var before = await env.Tool.WithDbAsync(db => db.Programmes.AsNoTracking().Where(p => p.Code == Programme).ToListAsync());
        var next = before.Max(p => p.Version) + 1;

        using var second = await DesignerImportAsync(designer, document: Edit(document, doc => doc["version"] = 2));
        using var overwrite = await DesignerImportAsync(designer, document: Edit(shipped, doc =>
        {
            doc["version"] = next;
            doc["title"]!["en"] = "Changed for everyone";
        }));
        var after = await env.Tool.WithDbAsync(db => db.Programmes.AsNoTracking().Where(p => p.Code == Programme).ToListAsync());
        var (_, page) = await env.Driver().GetAsync($"s/{designer}/programmes");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal([1, 2], await env.Tool.WithDbAsync(db => db.Programmes.Where(p => p.Code == code).Select(p => p.Version).OrderBy(v => v).ToListAsync()));
        Assert.Equal(HttpStatusCode.Conflict, overwrite.StatusCode);
        Assert.Contains(Problems(await overwrite.Content.ReadAsStringAsync()), p => p is { Path: "$.code", Code: ProgrammeCodes.CodeNotAvailable });
        Assert.Equal(before.Count, after.Count);
        Assert.All(after, p => Assert.Null(p.OwnerPlatformId));
        Assert.DoesNotContain("Changed for everyone", page, StringComparison.Ordinal);
        Assert.Matches($"<h2 id=\"programme-{Programme}\">[^<]+</h2>\\s*<p class=\"muted\" data-owner=\"tool\">", page);
    }

    [Fact]
    public async Task AnAdministratorsImportIsToolWideAndSeenByEveryPlatformButNeverTakesAPlatformsCode()
    {
        await using var other = await PlatformSimulatorHost.StartAsync(new SimulatorOptions());
        await LtiEnvironment.RegisterAsync(env.Tool, other.Platform);
        var theirDriver = new LaunchDriver(env.Tool, other.Platform);
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, NewCourse());
        var theirs = await LaunchInAsync(theirDriver, other.Platform.Designer, NewCourse());
        var (code, module, document) = await NewProgrammeAsync(designer);
        var (owned, _, ownedDocument) = await NewProgrammeAsync(designer);
        using var platformImport = await DesignerImportAsync(designer, document: ownedDocument);

        using var adminImport = await env.ImportAsync(document: document);
        using var takeOver = await env.ImportAsync(document: Edit(ownedDocument, doc => doc["version"] = 2));
        var (_, ours) = await env.Driver().GetAsync($"s/{designer}/programmes");
        var (_, their) = await theirDriver.GetAsync($"s/{theirs}/programmes");
        var launch = await theirDriver.LaunchAsync(other.Platform.AddLearners(1)[0], LinkTo(module));
        var (status, _) = await theirDriver.GetAsync(launch.Location!.TrimStart('/'));
        using var admin = await env.AdminClientAsync();
        var list = await admin.GetStringAsync("admin/programmes");

        Assert.Equal(HttpStatusCode.Redirect, platformImport.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, adminImport.StatusCode);
        Assert.Null(await env.Tool.WithDbAsync(db => db.Programmes.Where(p => p.Code == code).Select(p => p.OwnerPlatformId).SingleAsync()));
        foreach (var page in new[] { ours, their })
            Assert.Matches($"<h2 id=\"programme-{code}\">Our own programme</h2>\\s*<p class=\"muted\" data-owner=\"tool\">", page);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Conflict, takeOver.StatusCode);
        Assert.Contains(Problems(await takeOver.Content.ReadAsStringAsync()), p => p is { Path: "$.code", Code: ProgrammeCodes.OwnedByPlatform });
        Assert.Equal(1, await env.Tool.WithDbAsync(db => db.Programmes.CountAsync(p => p.Code == owned)));
        Assert.Contains($"<tr data-programme=\"{owned}\" data-version=\"1\">", list, StringComparison.Ordinal);
        Assert.Matches($"<tr data-programme=\"{code}\" data-version=\"1\">.*?<td data-owner=\"tool\">", new Regex("\\s+").Replace(list, " "));
    }

    [Fact]
    public async Task RoutesArePlannedFromTheTeachersOwnPlatformsCatalogue()
    {
        await using var other = await PlatformSimulatorHost.StartAsync(new SimulatorOptions());
        await LtiEnvironment.RegisterAsync(env.Tool, other.Platform);
        var theirDriver = new LaunchDriver(env.Tool, other.Platform);
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, NewCourse());
        var theirDesigner = await LaunchInAsync(theirDriver, other.Platform.Designer, NewCourse());
        var (code, _, document) = await NewProgrammeAsync(designer);
        using var imported = await DesignerImportAsync(designer, document: document);
        var (_, shippedTargets) = await env.Driver().GetAsync($"s/{designer}/development/targets?handler=Export&programme={Programme}");
        var targets = shippedTargets.Replace($"\"programme\": \"{Programme}\"", $"\"programme\": \"{code}\"", StringComparison.Ordinal);
        using var ownTargets = await PostFormAsync($"s/{designer}/development/targets", [("programme", code), ("document", targets)]);
        using var theirTargets = await PostFormAsync($"s/{theirDesigner}/development/targets", [("programme", code), ("document", targets)]);
        // Even a target profile the other platform holds for that code (written behind the pages' back) gives its teachers no route.
        await env.Tool.WithDbAsync(async db =>
        {
            var platformId = await db.Platforms.Where(p => p.Issuer == other.Platform.Issuer).Select(p => p.Id).SingleAsync();
            db.TargetProfiles.Add(new LtiPD.Data.Entities.TargetProfilesEntity
            {
                PlatformId = platformId, ProgrammeCode = code, Document = targets, ImportedBy = "test", ImportedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var ours = env.Platform.AddLearners(1)[0];
        var theirs = other.Platform.AddLearners(1)[0];

        foreach (var (driver, user) in new[] { (env.Driver(), ours), (theirDriver, theirs) })
        {
            var sid = (await driver.LaunchAsync(user)).SessionId!;
            using var stated = await PostFormAsync($"s/{sid}/development/situation", [("YearsTeaching", "2"), ("Training", "ProfessionalDevelopment"), ("HoursPerWeek", "4")]);
            Assert.Equal(HttpStatusCode.Redirect, stated.StatusCode);
        }
        // Simulated platforms number their learners alike: a person is their platform and their id.
        var ourSnapshot = await SnapshotAsync(env.Platform, ours);
        var theirSnapshot = await SnapshotAsync(other.Platform, theirs);

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ownTargets.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirTargets.StatusCode);
        Assert.Contains($"\"{code}\"", ourSnapshot, StringComparison.Ordinal);
        Assert.Contains($"\"{Programme}\"", theirSnapshot, StringComparison.Ordinal);
        Assert.DoesNotContain(code, theirSnapshot, StringComparison.Ordinal);
    }

    /// <summary>A new programme for this class: the shipped one's export under a fresh code, with fresh module codes; returns a module's code too.</summary>
    [Fact]
    public async Task TwoPlatformsImportingTheSameCodesAtTheSameInstantNeverBothSucceed()
    {
        await using var other = await PlatformSimulatorHost.StartAsync(new SimulatorOptions());
        var (platforms, shipped, _) = await RegisterWithShippedAsync(other);

        for (var round = 0; round < 6; round++)
        {
            // One new programme code, imported by both platforms as different versions; and two programmes with their own codes
            // whose modules share codes. Each time exactly one of the two may be stored.
            var code = "race-" + Guid.NewGuid().ToString("N")[..8];
            var sameCode = await Task.WhenAll(
                ImportAsOwnerAsync(Edit(shipped, doc => { Prefix(doc, code); doc["version"] = 1; }), platforms[env.Platform.Issuer]),
                ImportAsOwnerAsync(Edit(shipped, doc => { Prefix(doc, code); doc["version"] = 2; }), platforms[other.Platform.Issuer]));
            var modules = "race-" + Guid.NewGuid().ToString("N")[..8];
            var sameModules = await Task.WhenAll(
                ImportAsOwnerAsync(Edit(shipped, doc => { Prefix(doc, modules); doc["code"] = modules + "-a"; }), platforms[env.Platform.Issuer]),
                ImportAsOwnerAsync(Edit(shipped, doc => { Prefix(doc, modules); doc["code"] = modules + "-b"; }), platforms[other.Platform.Issuer]));

            Assert.Equal([200, 409], sameCode.Select(i => i.StatusCode).Order());
            Assert.Equal(1, await env.Tool.WithDbAsync(db => db.Programmes.Where(p => p.Code == code).Select(p => p.OwnerPlatformId).Distinct().CountAsync()));
            Assert.Equal([200, 409], sameModules.Select(i => i.StatusCode).Order());
            Assert.Equal(1, await env.Tool.WithDbAsync(db => db.Programmes.CountAsync(p => p.Code.StartsWith(modules))));
        }
    }

    [Fact]
    public async Task AModuleCodeAnotherNodeImportedMomentsAgoIsTakenHereToo()
    {
        await using var other = await PlatformSimulatorHost.StartAsync(new SimulatorOptions());
        var (platforms, shipped, framework) = await RegisterWithShippedAsync(other);
        var modules = "node-" + Guid.NewGuid().ToString("N")[..8];
        // This node has just read the catalogue, so it trusts its copy for a while...
        Assert.NotEmpty(await env.Tool.Services.GetRequiredService<ProgrammeCatalog>().EveryLatestAsync(CancellationToken.None));
        // ...when another node, sharing the database, stores a programme of the other platform with these module codes.
        await env.Tool.WithDbAsync(db =>
        {
            db.Programmes.Add(new ProgrammeEntity
            {
                Code = modules + "-a", Version = 1, FrameworkCode = framework, OwnerPlatformId = platforms[other.Platform.Issuer],
                Document = Edit(shipped, doc => { Prefix(doc, modules); doc["code"] = modules + "-a"; doc["version"] = 1; }), CreatedAt = DateTimeOffset.UtcNow,
            });
            return db.SaveChangesAsync();
        });

        var import = await ImportAsOwnerAsync(Edit(shipped, doc => { Prefix(doc, modules); doc["code"] = modules + "-b"; }), platforms[env.Platform.Issuer]);

        Assert.Equal(409, import.StatusCode);
        Assert.Contains(import.Problems, p => p.Code == ProgrammeCodes.ModuleCodeTaken);
        Assert.Equal(0, await env.Tool.WithDbAsync(db => db.Programmes.CountAsync(p => p.Code == modules + "-b")));
    }

    /// <summary>Registers <paramref name="other"/> beside the environment's platform: both platforms' ids, and the shipped programme's document and framework.</summary>
    private async Task<(Dictionary<string, int> Platforms, string Shipped, string Framework)> RegisterWithShippedAsync(PlatformSimulatorHost other)
    {
        await LtiEnvironment.RegisterAsync(env.Tool, other.Platform);
        var platforms = await env.Tool.WithDbAsync(db => db.Platforms.AsNoTracking()
            .Where(p => p.Issuer == env.Platform.Issuer || p.Issuer == other.Platform.Issuer).ToDictionaryAsync(p => p.Issuer, p => p.Id));
        var shipped = await env.Tool.WithDbAsync(db => db.Programmes.AsNoTracking().Where(p => p.Code == Programme && p.OwnerPlatformId == null)
            .OrderByDescending(p => p.Version).Select(p => new { p.Document, p.FrameworkCode }).FirstAsync());
        return (platforms, shipped.Document, shipped.FrameworkCode);
    }

    private async Task<ProgrammeImport> ImportAsOwnerAsync(string document, int owner)
    {
        await Task.Yield();
        await using var scope = env.Tool.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProgrammeLibrary>().ImportAsync(document, owner, CancellationToken.None);
    }

    private async Task<(string Code, string Module, string Document)> NewProgrammeAsync(string designerSession)
    {
        var code = "own-" + Guid.NewGuid().ToString("N")[..8];
        var shipped = await env.Tool.CreateRawClient().GetStringAsync($"s/{designerSession}/programmes/{Programme}/export");
        var document = Edit(shipped, doc =>
        {
            Prefix(doc, code);
            doc["version"] = 1;
            doc["title"]!["en"] = "Our own programme";
        });
        return (code, $"{code}-{Module}", document);
    }

    /// <summary>Gives the programme this code and its modules codes that start with it.</summary>
    private static void Prefix(JsonNode doc, string code)
    {
        var old = (string)doc["code"]!;
        doc["code"] = code;
        foreach (var module in doc["modules"]!.AsArray())
        {
            var moduleCode = (string)module!["code"]!;
            module["code"] = code + "-" + (moduleCode.StartsWith(old + "-", StringComparison.Ordinal) ? moduleCode[(old.Length + 1)..] : moduleCode);
        }
    }

    /// <summary>Posts the designers' import form, a pasted document and/or a file, as the browser does (session forms carry no antiforgery token).</summary>
    private async Task<HttpResponseMessage> DesignerImportAsync(string sid, string? document = null, string? file = null)
    {
        using var form = ImportForm(document, file);
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync($"s/{sid}/programmes?handler=Import", form);
    }

    private Task<string> SnapshotAsync(SimulatedPlatform platform, SimUser user) =>
        env.Tool.WithDbAsync(db => db.TeacherDevelopment.AsNoTracking()
            .Where(d => d.UserId == user.Sub && db.Platforms.Any(p => p.Id == d.PlatformId && p.Issuer == platform.Issuer))
            .Select(d => d.Snapshot).SingleAsync());

    private async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
    }

    private async Task<(HttpStatusCode Status, string Body)> ChooseModuleAsync(string pickerSession, string module)
    {
        var choice = "module:" + module;
        using var client = env.Tool.CreateRawClient();
        using var response = await client.PostAsync($"s/{pickerSession}/pick?handler=Choose", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["chosen"] = choice, [$"title-{choice}"] = "Reflect", [$"points-{choice}"] = "10",
        }));
        return (response.StatusCode, (await response.Content.ReadAsStringAsync()).Replace(module, "MODULE", StringComparison.Ordinal));
    }

    private static Action<IdTokenDraft> LinkTo(string module) =>
        draft => draft.Claims[Claims.Custom] = new Dictionary<string, object?> { ["ltipd_module"] = module };

    private static List<(string Path, string Code, string Message)> Problems(string body) =>
        Regex.Matches(body, "<code class=\"problem-path\">([^<]+)</code></td>\\s*<td><code class=\"problem-code\">([^<]+)</code></td>\\s*<td>([^<]*)</td>")
            .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), m.Groups[2].Value, WebUtility.HtmlDecode(m.Groups[3].Value))).ToList();
}
