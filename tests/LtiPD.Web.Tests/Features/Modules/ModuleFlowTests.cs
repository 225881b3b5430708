using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LtiPD.Domain.Content;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Tests.Features.Grades;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;

namespace LtiPD.Web.Tests.Features.Modules;

/// <summary>
/// Micro-credential modules over real HTTP with the platform simulator: the picker offers them, a module link opens the module,
/// submitting its diagnostics completes it, and exactly one module grade reaches the link's line item.
/// </summary>
[Collection(GradesCollection.Name)]
public sealed class ModuleFlowTests(FastGradesEnvironment env) : IClassFixture<FastGradesEnvironment>
{
    private const string Module = "reflective-practice";
    private const string Custom = "https://purl.imsglobal.org/spec/lti/claim/custom";
    private const string DeepLinkingSettings = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
    private const string ContentItems = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";

    [Fact]
    public async Task ThePickerListsModulesNextToAssessmentsAndFiltersThem()
    {
        var sid = await PickerSessionAsync();

        var all = Modules((await env.Driver().GetAsync($"s/{sid}/pick")).Body);
        var searched = Modules((await env.Driver().GetAsync($"s/{sid}/pick?q=REFLECTIVE")).Body);
        var subject = Modules((await env.Driver().GetAsync($"s/{sid}/pick?component=Subject")).Body);
        var kazakh = Modules((await env.Driver().GetAsync($"s/{sid}/pick?lang=kk")).Body);
        var (_, page) = await env.Driver().GetAsync($"s/{sid}/pick");

        Assert.Equal(["course-design", "reflective-practice", "feedback-on-code", "programming-fundamentals", "digital-collaboration"], all);
        Assert.Equal([Module], searched);
        Assert.Equal(["feedback-on-code", "programming-fundamentals"], subject);
        Assert.Equal(all, kazakh);
        Assert.Contains("data-instrument=\"social-self-assessment\"", page, StringComparison.Ordinal);
        Assert.Contains("Showing 5 of 5 modules.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChoosingAModuleAnswersWithALinkNamingItAndALineItem()
    {
        var sid = await PickerSessionAsync();
        const string choice = "module:" + Module;

        using var response = await PostAsync($"s/{sid}/pick?handler=Choose", [("chosen", choice), ($"title-{choice}", "Reflect"), ($"points-{choice}", "100")]);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jwt = Regex.Match(body, "name=\"JWT\" value=\"([^\"]+)\"").Groups[1].Value;
        var item = Assert.Single(new JsonWebToken(jwt).GetPayloadValue<JsonElement>(ContentItems).EnumerateArray());
        Assert.Equal("ltiResourceLink", item.GetProperty("type").GetString());
        Assert.Equal(Module, item.GetProperty("custom").GetProperty("ltipd_module").GetString());
        Assert.False(item.GetProperty("custom").TryGetProperty("ltipd_instrument", out _));
        var lineItem = item.GetProperty("lineItem");
        Assert.Equal(100, lineItem.GetProperty("scoreMaximum").GetDouble());
        Assert.Equal(Module, lineItem.GetProperty("resourceId").GetString());
        Assert.Equal("ltipd", lineItem.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task AnUnknownModuleInAPickIsRefusedWithItsCode()
    {
        var sid = await PickerSessionAsync();

        using var response = await PostAsync($"s/{sid}/pick?handler=Choose", [("chosen", "module:no-such"), ("title-module:no-such", "X"), ("points-module:no-such", "10")]);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<code>pick_unknown_module</code>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"JWT\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaunchingAModuleLinkOpensThatModuleWithItsMaterialsAndDiagnostics()
    {
        var driver = env.Driver();
        var outcome = await driver.LaunchAsync(Learner(0), LinkTo(Module));

        Assert.Equal($"/s/{outcome.SessionId}/modules/{Module}", outcome.Location);
        var (status, body) = await driver.GetAsync(outcome.Location!);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"data-module=\"{Module}\"", body, StringComparison.Ordinal);
        Assert.Contains("From impression to evidence", body, StringComparison.Ordinal);
        Assert.Contains("data-diagnostic=\"Content\" data-instrument=\"teaching-situations\" data-state=\"NotStarted\"", body, StringComparison.Ordinal);
        Assert.Contains("data-diagnostic=\"Communicative\" data-instrument=\"social-self-assessment\"", body, StringComparison.Ordinal);
        Assert.Contains("data-status=\"open\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmittingTheModulesDiagnosticsCompletesItAndOneScoreArrivesOnTheLinksLineItem()
    {
        var user = Learner(1);
        var outcome = await env.Driver().LaunchAsync(user, LinkTo(Module));
        var sid = outcome.SessionId!;

        var failed = await SubmitAsync(sid, "teaching-situations", best: false);
        Assert.Equal($"/s/{sid}/modules/{Module}", failed);
        var (_, belowPass) = await env.Driver().GetAsync(failed);
        Assert.Contains("data-status=\"open\"", belowPass, StringComparison.Ordinal);
        await SubmitAsync(sid, "teaching-situations", best: true);
        var last = await SubmitAsync(sid, "social-self-assessment", best: true);
        Assert.Equal($"/s/{sid}/modules/{Module}?completed=true", last);
        var (_, completed) = await env.Driver().GetAsync(last);
        var (_, again) = await env.Driver().GetAsync($"s/{sid}/modules/{Module}");

        Assert.Contains("data-status=\"completed\"", completed, StringComparison.Ordinal);
        Assert.Contains("Module completed: every required piece of evidence is in.", completed, StringComparison.Ordinal);
        Assert.Contains("data-status=\"completed\"", again, StringComparison.Ordinal);
        var completion = await env.Tool.WithDbAsync(db => db.ModuleCompletions.AsNoTracking().SingleAsync(c => c.UserId == user.Sub && c.ModuleCode == Module));
        Assert.Equal((2, 2), (completion.ScoreGiven, completion.ScoreMaximum));
        var row = await WaitSentAsync(completion.Id);
        Assert.NotNull(row.LineItemUrl);
        var score = Assert.Single(env.Platform.Scores, s => s.UserId == user.Sub && s.LineItemId.AbsoluteUri == row.LineItemUrl);
        Assert.Equal((2.0, 2.0), (score.ScoreGiven, score.ScoreMaximum));
        Assert.Equal(Module, row.ResourceId);
        var attemptIds = await env.Tool.WithDbAsync(db => db.Attempts.AsNoTracking().Where(a => a.UserId == user.Sub).Select(a => a.Id).ToListAsync());
        var attemptRows = await env.Tool.WithDbAsync(db => db.GradeDeliveries.AsNoTracking().Where(g => attemptIds.Contains(g.AttemptId)).ToListAsync());
        Assert.Equal(3, attemptRows.Count);
        Assert.All(attemptRows, r => Assert.Null(r.LineItemUrl));
        Assert.All(attemptRows, r => Assert.True(r.LineItemMustExist));
    }

    [Fact]
    public async Task EvidenceSubmittedOutsideTheModulePageCompletesItWithoutAVisit()
    {
        var user = env.Platform.AddLearners(1)[0];
        var outcome = await env.Driver().LaunchAsync(user);
        var sid = outcome.SessionId!;

        // From the home page a test counts for the first module that names it: teaching-situations for reflective-practice.
        var first = await SubmitAsync(sid, "teaching-situations", best: true, fromModule: null);
        await SubmitAsync(sid, "social-self-assessment", best: true);

        Assert.StartsWith($"/s/{sid}/result/", first, StringComparison.Ordinal);
        var completion = await env.Tool.WithDbAsync(db => db.ModuleCompletions.AsNoTracking().SingleAsync(c => c.UserId == user.Sub && c.ModuleCode == Module));
        Assert.Equal((2, 2), (completion.ScoreGiven, completion.ScoreMaximum));
        var (_, page) = await env.Driver().GetAsync($"s/{sid}/modules/{Module}");
        Assert.Contains("data-status=\"completed\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvidenceHandedInInAnotherCourseDoesNotCompleteTheModuleHere()
    {
        var user = env.Platform.AddLearners(1)[0];
        var courseA = (await env.Driver().LaunchAsync(user)).SessionId!;
        await SubmitAsync(courseA, "teaching-situations", best: true);
        await SubmitAsync(courseA, "social-self-assessment", best: true);
        var courseB = "modules-" + Guid.NewGuid().ToString("N")[..8];
        var sessionB = (await env.Driver().LaunchAsync(user, draft => ((Dictionary<string, object?>)draft.Claims[Claims.Context]!)["id"] = courseB)).SessionId!;

        var (_, pageB) = await env.Driver().GetAsync($"s/{sessionB}/modules/{Module}");

        Assert.DoesNotContain("data-status=\"completed\"", pageB, StringComparison.Ordinal);
        Assert.Equal(env.Platform.Course.Id, Assert.Single(await CompletionCoursesAsync(user)));

        await SubmitAsync(sessionB, "teaching-situations", best: true);
        await SubmitAsync(sessionB, "social-self-assessment", best: true);

        var courses = await CompletionCoursesAsync(user);
        Assert.Equal(2, courses.Count); // one completion per course, each with its own grade row
        Assert.Contains(courseB, courses);
        Assert.Contains(env.Platform.Course.Id, courses);
        Assert.Contains("data-status=\"completed\"", (await env.Driver().GetAsync($"s/{sessionB}/modules/{Module}")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModuleCompletedByAReviewIsGradedInTheCoursesColumnForIt()
    {
        var user = env.Platform.AddLearners(1)[0];
        var column = env.Platform.AddLineItem("Course design", 100, resourceId: "course-design", tag: "ltipd", resourceLinkId: "module-link-1");
        var sid = (await env.Driver().LaunchAsync(user)).SessionId!;

        foreach (var code in new[] { "lesson-plan", "pedagogy-and-subject-test", "social-self-assessment" })
            await SubmitAsync(sid, code, best: true, fromModule: null);

        // Handing the practical task in is not evidence: the module waits for its review.
        Assert.Empty(await CompletionsAsync(user, "course-design"));
        Assert.Contains("data-verdict=\"AwaitingReview\"", (await env.Driver().GetAsync($"s/{sid}/modules/course-design")).Body, StringComparison.Ordinal);
        await ReviewAsync(user, "lesson-plan", share: 1);

        var completion = Assert.Single(await CompletionsAsync(user, "course-design"));
        var row = await WaitSentAsync(completion.Id);
        var (_, page) = await env.Driver().GetAsync($"s/{sid}/modules/course-design");
        Assert.Contains("id=\"grade-delivery\" data-status=\"Sent\">Grade sent to the LMS.", page, StringComparison.Ordinal);
        var score = Assert.Single(env.Platform.Scores, s => s.UserId == user.Sub && s.LineItemId == column.Id);
        Assert.Equal((3.0, 3.0), (score.ScoreGiven, score.ScoreMaximum));
        Assert.Equal(1, env.Platform.LineItems.Count(l => l.ResourceId == "course-design"));
        Assert.Null(row.LineItemUrl);
    }

    [Fact]
    public async Task APracticalTaskReviewedBelowItsLevelDoesNotCountUntilItIsRescoredAtIt()
    {
        var user = env.Platform.AddLearners(1)[0];
        var sid = (await env.Driver().LaunchAsync(user)).SessionId!;
        foreach (var code in new[] { "pedagogy-and-subject-test", "social-self-assessment" })
            await SubmitAsync(sid, code, best: true, fromModule: "course-design");
        await SubmitAsync(sid, "lesson-plan", best: true, fromModule: "course-design");
        Assert.Contains("data-verdict=\"AwaitingReview\"", (await env.Driver().GetAsync($"s/{sid}/modules/course-design")).Body, StringComparison.Ordinal);

        await ReviewAsync(user, "lesson-plan", share: 0);

        var (_, below) = await env.Driver().GetAsync($"s/{sid}/modules/course-design");
        Assert.Contains("data-verdict=\"ReviewedBelowLevel\"", below, StringComparison.Ordinal);
        Assert.Contains("Reviewed at level Low, below the required Average", below, StringComparison.Ordinal);
        Assert.Empty(await CompletionsAsync(user, "course-design"));

        await ReviewAsync(user, "lesson-plan", share: 1);

        Assert.Single(await CompletionsAsync(user, "course-design"));
        var (_, done) = await env.Driver().GetAsync($"s/{sid}/modules/course-design");
        Assert.Equal(3, Regex.Count(done, "data-verdict=\"Counts\""));
        // The task's result page is the record written at the review, not at the hand-in.
        var used = Regex.Match(done, "data-instrument=\"lesson-plan\".*?<p class=\"evidence-used\" data-attempt=\"([^\"]+)\"", RegexOptions.Singleline).Groups[1].Value;
        var (_, result) = await env.Driver().GetAsync($"s/{sid}/result/{used}");
        Assert.Contains("data-stage=\"Reviewed\"", result, StringComparison.Ordinal);
        Assert.Contains("Score: 2 of 2.", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreeQuickTestsFromTheHomePageCompleteNoModuleOfTheShippedProgramme()
    {
        var user = env.Platform.AddLearners(1)[0];
        var sid = (await env.Driver().LaunchAsync(user)).SessionId!;

        foreach (var code in new[] { "teaching-situations", "pedagogy-and-subject-test", "social-self-assessment" })
            await SubmitAsync(sid, code, best: true, fromModule: null);

        Assert.Empty(await env.Tool.WithDbAsync(db => db.ModuleCompletions.AsNoTracking().Where(c => c.UserId == user.Sub).ToListAsync()));
        // Each submission counts for one module; the others say where it went instead of counting it again.
        var (_, digital) = await env.Driver().GetAsync($"s/{sid}/modules/digital-collaboration");
        Assert.Contains("data-status=\"open\"", digital, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(digital, "data-verdict=\"CountsForAnotherModule\""));
        Assert.Contains("Your submission counts for the module “Reflective practice and self-analysis”", digital, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModuleCompletedWhereTheCourseHasNoColumnForItAddsNoColumnAndSaysSoNeutrally()
    {
        var user = env.Platform.AddLearners(1)[0];
        var sid = (await env.Driver().LaunchAsync(user)).SessionId!;
        var columnsBefore = env.Platform.LineItems.Count(l => l.ResourceId == Module);

        await SubmitAsync(sid, "teaching-situations", best: true);
        await SubmitAsync(sid, "social-self-assessment", best: true);

        var completion = await env.Tool.WithDbAsync(db => db.ModuleCompletions.AsNoTracking().SingleAsync(c => c.UserId == user.Sub && c.ModuleCode == Module));
        var row = await WaitStatusAsync(completion.Id, DeliveryStatus.NoColumn);
        Assert.Null(row.LastError);
        Assert.Equal(columnsBefore, env.Platform.LineItems.Count(l => l.ResourceId == Module));
        var (_, page) = await env.Driver().GetAsync($"s/{sid}/modules/{Module}");
        Assert.Contains("id=\"grade-delivery\" data-status=\"NoColumn\">Not sent: this course has no gradebook column for it.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCourseMembersPageShowsWhichModulesEachMemberCompleted()
    {
        var user = Learner(3);
        var designer = await env.Driver().LaunchAsync(env.Platform.Designer);
        var before = CompletionsShown((await env.Driver().GetAsync($"s/{designer.SessionId}/programmes")).Body, Module);
        var sid = (await env.Driver().LaunchAsync(user)).SessionId!;
        await SubmitAsync(sid, "teaching-situations", best: true);
        await SubmitAsync(sid, "social-self-assessment", best: true);

        Assert.Equal(before + 1, CompletionsShown((await env.Driver().GetAsync($"s/{designer.SessionId}/programmes")).Body, Module));

        var (status, body) = await env.Driver().GetAsync($"s/{designer.SessionId}/cohort");

        Assert.Equal(HttpStatusCode.OK, status);
        var row = Regex.Match(body, $"<tr data-user=\"{user.Sub}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Reflective practice and self-analysis", row, StringComparison.Ordinal);
        // The same two instruments are digital-collaboration's diagnostics too, but a submission counts for one module only.
        Assert.DoesNotContain("Digital tools and collaborative learning", row, StringComparison.Ordinal);
        var other = Regex.Match(body, $"<tr data-user=\"{Learner(4).Sub}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("data-modules=\"0\">none<", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherAssessmentTakenInAnAssessmentLinksLaunchNeverLandsInThatLinksColumn()
    {
        var user = env.Platform.AddLearners(1)[0];
        var outcome = await env.Driver().LaunchAsync(user,
            draft => draft.Claims[Custom] = new Dictionary<string, object?> { ["ltipd_instrument"] = "social-self-assessment" });
        var sid = outcome.SessionId!;

        await SubmitAsync(sid, "social-self-assessment", best: true, fromModule: null);
        await SubmitAsync(sid, "teaching-situations", best: true, fromModule: null);

        var rows = await env.Tool.WithDbAsync(db => db.GradeDeliveries.AsNoTracking().Where(g => g.UserId == user.Sub && g.ResourceId != Module)
            .ToDictionaryAsync(g => g.ResourceId));
        var linked = rows["social-self-assessment"];
        var other = rows["teaching-situations"];
        Assert.NotNull(linked.LineItemUrl);
        Assert.Null(other.LineItemUrl);
        Assert.True(other.LineItemMustExist);
        await WaitSentAsync(linked.AttemptId);
        Assert.All(env.Platform.Scores.Where(s => s.UserId == user.Sub && s.LineItemId.AbsoluteUri == linked.LineItemUrl),
            s => Assert.Equal(linked.ScoreGiven, s.ScoreGiven));
    }

    [Fact]
    public async Task TheTeachersHomeListsTheModules()
    {
        var driver = env.Driver();
        var outcome = await driver.LaunchAsync(Learner(2));

        var (_, body) = await driver.GetAsync($"s/{outcome.SessionId}/home");

        Assert.Contains($"href=\"/s/{outcome.SessionId}/modules/{Module}\"", body, StringComparison.Ordinal);
        Assert.Equal(5, Modules(body).Count);
    }

    [Fact]
    public async Task AJunkModuleCodeAnswers404WithAStableCode()
    {
        var driver = env.Driver();
        var outcome = await driver.LaunchAsync(Learner(2));

        var (status, body) = await driver.GetAsync($"s/{outcome.SessionId}/modules/%3Cscript%3E..%2F");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("id=\"error-code\">module_not_found<", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALearnerCannotReachTheProgrammesViewAndADesignerSeesEveryModule()
    {
        var learner = await env.Driver().LaunchAsync(Learner(2));
        var designer = await env.Driver().LaunchAsync(env.Platform.Designer);

        var (refused, refusedBody) = await env.Driver().GetAsync($"s/{learner.SessionId}/programmes");
        var (shown, body) = await env.Driver().GetAsync($"s/{designer.SessionId}/programmes");

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Contains("id=\"error-code\">role_forbidden<", refusedBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, shown);
        Assert.Equal(5, Modules(body).Count);
        Assert.Contains("data-programme=\"teaching-programming\"", body, StringComparison.Ordinal);
    }

    private Task<List<string?>> CompletionCoursesAsync(SimUser user) =>
        env.Tool.WithDbAsync(db => db.ModuleCompletions.AsNoTracking().Where(c => c.UserId == user.Sub && c.ModuleCode == Module).Select(c => c.ContextId).ToListAsync());

    private Task<List<LtiPD.Data.Entities.ModuleCompletionEntity>> CompletionsAsync(SimUser user, string module) =>
        env.Tool.WithDbAsync(db => db.ModuleCompletions.AsNoTracking().Where(c => c.UserId == user.Sub && c.ModuleCode == module).ToListAsync());

    /// <summary>The course designer reviews the user's newest attempt at a practical task, giving each criterion this share of its points.</summary>
    private async Task ReviewAsync(SimUser user, string code, double share)
    {
        var attemptId = (await env.Tool.WithDbAsync(db => db.Attempts.AsNoTracking().Where(a => a.UserId == user.Sub && a.InstrumentCode == code).ToListAsync()))
            .MaxBy(a => a.SubmittedAt)!.Id;
        var document = await env.Tool.WithDbAsync(db => db.Instruments.AsNoTracking().Where(i => i.Code == code).Select(i => i.Document).FirstAsync());
        var fields = InstrumentDocument.Parse(document).Value!.Items.SelectMany(item => item.Rubric!.Criteria.Select(c =>
            ($"p.{item.Code}.{c.Code}", ((int)Math.Round(c.MaxPoints * share)).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var designer = (await env.Driver().LaunchAsync(env.Platform.Designer)).SessionId!;
        using var reviewed = await PostAsync($"s/{designer}/review/{attemptId}", fields);
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
    }

    private SimUser Learner(int n) => env.Platform.Users.Where(u => u.Roles.Any(r => r.EndsWith("#Learner", StringComparison.Ordinal))).ElementAt(n);

    private static Action<IdTokenDraft> LinkTo(string module) =>
        draft => draft.Claims[Custom] = new Dictionary<string, object?> { ["ltipd_module"] = module };

    /// <summary>The number of completions in the course the programmes page shows for one module.</summary>
    private static int CompletionsShown(string body, string module) => int.Parse(
        Regex.Match(body, $"<tr data-module=\"{module}\">.*?data-completions=\"(\\d+)\"", RegexOptions.Singleline).Groups[1].Value,
        System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Modules(string body) =>
        Regex.Matches(body, "<(?:li|tr) class=\"card\" data-module=\"([^\"]+)\"|<tr data-module=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();

    /// <summary>Answers every item of the instrument (the best or the worst keyed option; 4 on Likert items) from the module and submits; returns where it leads.</summary>
    private async Task<string> SubmitAsync(string sid, string code, bool best, string? fromModule = Module)
    {
        await env.Driver().GetAsync(fromModule is null ? $"s/{sid}/assess/{code}?again=true" : $"s/{sid}/assess/{code}?module={fromModule}&again=true");
        var document = await env.Tool.WithDbAsync(db => db.Instruments.AsNoTracking().Where(i => i.Code == code).Select(i => i.Document).FirstAsync());
        var instrument = InstrumentDocument.Parse(document).Value!;
        var answers = instrument.Items.Select(item => KeyValuePair.Create($"i.{item.Code}", item.Options.Count == 0
            ? "4"
            : (best ? item.Options.MaxBy(o => o.Score) : item.Options.MinBy(o => o.Score))!.Code)).ToList();
        if (fromModule is not null)
            answers.Add(KeyValuePair.Create("module", fromModule));
        using var client = env.Tool.CreateRawClient();
        using var submit = await client.PostAsync($"s/{sid}/assess/{code}?handler=Submit", new FormUrlEncodedContent(answers));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        return submit.Headers.Location!.OriginalString;
    }

    private async Task<string> PickerSessionAsync()
    {
        var outcome = await env.Driver().LaunchAsync(env.Platform.Designer, kind: LaunchKind.DeepLinking);
        Assert.Equal($"/s/{outcome.SessionId}/pick", outcome.Location);
        return outcome.SessionId!;
    }

    private async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
    }

    private Task<LtiPD.Data.Entities.GradeDeliveryEntity> WaitSentAsync(string id) => WaitStatusAsync(id, DeliveryStatus.Sent);

    private async Task<LtiPD.Data.Entities.GradeDeliveryEntity> WaitStatusAsync(string id, DeliveryStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var row = await env.Tool.WithDbAsync(db => db.GradeDeliveries.AsNoTracking().SingleAsync(g => g.AttemptId == id));
            if (row.Status == (int)status)
                return row;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The module grade stayed {(DeliveryStatus)row.Status}: {row.LastError}");
            await Task.Delay(50);
        }
    }
}
