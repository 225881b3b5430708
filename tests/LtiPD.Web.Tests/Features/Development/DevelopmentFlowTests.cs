using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Domain.Content;
using LtiPD.Domain.Development;
using LtiPD.Domain.People;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Development;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Features.Development;

/// <summary>
/// A teacher's development over real HTTP with the platform simulator: stating a career situation gives a route, evidence adds
/// dated points and re-plans it, the teacher's own moves change it and are kept in its history, the questionnaire's answers become
/// declared indicators, attempts spread over simulated months give the expected trajectory and participation indicator, and a
/// course designer sees aggregates only for a group of at least five.
/// </summary>
public sealed class DevelopmentFlowTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string KnowledgeTest = "pedagogy-and-subject-test";
    private const string SelfAssessment = "social-self-assessment";

    [Fact]
    public async Task ATeacherWithoutACareerStageIsAskedForItAndGetsARouteOnceStated()
    {
        var (_, sid) = await LaunchAsync(env.Platform.AddLearners(1)[0]);

        var (_, before) = await env.Driver().GetAsync($"s/{sid}/development");
        Assert.Contains("id=\"situation-missing\"", before, StringComparison.Ordinal);
        Assert.Contains("id=\"route-empty\"", before, StringComparison.Ordinal);
        // Nothing is known yet about a new teacher: every indicator is listed as not yet assessed, one item each (the declared
        // barriers' sentences once ran together as "….,").
        var unknown = Regex.Match(before, "<div class=\"muted\" id=\"indicators-unknown\">.*?</div>", RegexOptions.Singleline).Value;
        Assert.Equal(Enum.GetValues<IndicatorCode>().Length - 1 + Enum.GetValues<DeclaredBarrier>().Length, Regex.Count(unknown, "<li>"));
        Assert.DoesNotContain(".,", unknown, StringComparison.Ordinal);

        using var saved = await PostAsync($"s/{sid}/development/situation", [("YearsTeaching", "2"), ("Training", "ProfessionalDevelopment"), ("HoursPerWeek", "4")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, after) = await env.Driver().GetAsync($"s/{sid}/development");

        Assert.Contains("Career stage: early career (0–3 years) (2 years of university teaching)", after, StringComparison.Ordinal);
        var states = Steps(after);
        Assert.NotEmpty(states);
        Assert.Equal("Next", states[0].State);
        Assert.Contains("done by", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASituationOutOfRangeIsRefusedWithASentenceAndNothingIsSaved()
    {
        var (user, sid) = await LaunchAsync(env.Platform.AddLearners(1)[0]);

        using var refused = await PostAsync($"s/{sid}/development/situation", [("YearsTeaching", "-3"), ("HoursPerWeek", "abc")]);
        var body = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Years of teaching must be a whole number from 0 to 60.", body, StringComparison.Ordinal);
        Assert.Contains("This value could not be read; please check it.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.False(await env.Tool.WithDbAsync(db => db.TeacherSituations.AnyAsync(s => s.UserId == user.Sub)));
    }

    [Fact]
    public async Task ASubmittedAssessmentAddsDatedPointsAndReplansTheRouteAtOnce()
    {
        var (user, sid) = await LaunchAsync(env.Platform.AddLearners(1)[0]);
        await PostAsync($"s/{sid}/development/situation", [("YearsTeaching", "10"), ("Training", "ProfessionalDevelopment")]);

        await SubmitAllAsync(sid, KnowledgeTest);

        var moments = await env.Tool.WithDbAsync(db => db.ProfilePointSets.AsNoTracking().Where(p => p.UserId == user.Sub).ToListAsync());
        Assert.NotEmpty(moments);
        Assert.All(moments, p => Assert.Equal((int)PointStage.Submitted, p.Stage));
        var points = moments.SelectMany(m => ProfilePointsText.Read(m.Points, m.At)).ToList();
        var (_, page) = await env.Driver().GetAsync($"s/{sid}/development");
        Assert.Equal(points.Select(p => p.CompetencyCode).Distinct().Count(), Regex.Count(page, "<figure class=\"trajectory\""));
        Assert.Contains("<svg id=\"trajectory-0\"", page, StringComparison.Ordinal);
        var causes = await env.Tool.WithDbAsync(db => db.RouteHistory.AsNoTracking().Where(h => h.UserId == user.Sub).Select(h => h.Cause).ToListAsync());
        Assert.Contains((int)RecomputeCause.Choice, causes);
        Assert.Contains((int)RecomputeCause.Evidence, causes);
    }

    [Fact]
    public async Task TheTeachersOwnMovesReorderSkipAndRestoreStepsAndAreKeptInTheHistory()
    {
        var (user, sid) = await LaunchAsync(env.Platform.AddLearners(1)[0]);
        await PostAsync($"s/{sid}/development/situation", [("YearsTeaching", "1"), ("Training", "BasicTraining")]);
        var (_, page) = await env.Driver().GetAsync($"s/{sid}/development");
        var steps = Steps(page);
        Assert.True(steps.Count >= 2, page);
        var programme = Regex.Match(page, "data-programme=\"([^\"]+)\"").Groups[1].Value;

        using var moved = await PostAsync($"s/{sid}/development?handler=Move", [("programme", programme), ("module", steps[1].Module), ("by", "-1")]);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var afterMove = Steps((await env.Driver().GetAsync($"s/{sid}/development")).Body);
        Assert.Equal(steps[1].Module, afterMove[0].Module);
        Assert.Equal(steps[0].Module, afterMove[1].Module);

        using var skipped = await PostAsync($"s/{sid}/development?handler=Skip", [("programme", programme), ("module", steps[1].Module)]);
        var afterSkip = Steps((await env.Driver().GetAsync($"s/{sid}/development")).Body);
        Assert.Equal(("Skipped", steps[1].Module), (afterSkip[^1].State, afterSkip[^1].Module));

        using var restored = await PostAsync($"s/{sid}/development?handler=Restore", [("programme", programme), ("module", steps[1].Module)]);
        var (_, afterRestore) = await env.Driver().GetAsync($"s/{sid}/development");
        Assert.DoesNotContain(Steps(afterRestore), s => s.State == "Skipped");
        Assert.Contains("after your choice", afterRestore, StringComparison.Ordinal);
        var history = await env.Tool.WithDbAsync(db => db.RouteHistory.AsNoTracking().CountAsync(h => h.UserId == user.Sub));
        Assert.True(history >= 3, $"history rows: {history}");
    }

    [Fact]
    public async Task AMoveTheRouteDoesNotAllowIsRefusedWithItsCodeAndChangesNothing()
    {
        var (user, sid) = await LaunchAsync(env.Platform.AddLearners(1)[0]);
        await PostAsync($"s/{sid}/development/situation", [("YearsTeaching", "1")]);

        using var refused = await PostAsync($"s/{sid}/development?handler=Skip", [("programme", "teaching-programming"), ("module", "no-such-module")]);
        var body = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(DevelopmentModel.UnknownStep, body, StringComparison.Ordinal);
        Assert.False(await env.Tool.WithDbAsync(db => db.RouteChoices.AnyAsync(c => c.UserId == user.Sub)));
    }

    [Fact]
    public async Task AnAgreedBarrierBecomesADeclaredIndicatorTheTeacherSeesWithItsBasis()
    {
        var (_, sid) = await LaunchAsync(env.Platform.AddLearners(1)[0]);

        using var saved = await PostAsync($"s/{sid}/development/barriers",
            [("Agreement[ScheduleConflict]", "4"), ("Agreement[TooExpensive]", "1"), ("Requests", "A mentor for my first course")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, page) = await env.Driver().GetAsync($"s/{sid}/development");

        var present = Regex.Match(page, "<ul id=\"indicators-present\">.*?</ul>", RegexOptions.Singleline).Value;
        Assert.Contains("You named a barrier: Professional development conflicts with my work schedule.", present, StringComparison.Ordinal);
        Assert.DoesNotContain("too expensive", present, StringComparison.Ordinal);
        Assert.Contains("id=\"indicators-clear\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerOutsideTheFourChoicesIsRefusedAndNothingIsStored()
    {
        var (user, sid) = await LaunchAsync(env.Platform.AddLearners(1)[0]);

        using var refused = await PostAsync($"s/{sid}/development/barriers", [("Agreement[ScheduleConflict]", "9")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("An answer was not one of the four choices", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await env.Tool.WithDbAsync(db => db.BarrierAnswers.AnyAsync(a => a.UserId == user.Sub)));
    }

    [Fact]
    public async Task AttemptsEightMonthsApartGiveATwoPointTrajectoryAndOccasionalParticipation()
    {
        var (user, sid) = await LaunchAsync(env.Platform.AddLearners(1)[0]);
        await PostAsync($"s/{sid}/development/situation", [("YearsTeaching", "5")]);
        await SubmitAllAsync(sid, SelfAssessment);
        await SubmitAllAsync(sid, KnowledgeTest);
        // Simulated months: the first attempt was made eight months ago. Its derived rows are dropped and rebuilt from the evidence.
        var eightMonthsAgo = DateTimeOffset.UtcNow.AddMonths(-8);
        await env.Tool.WithDbAsync(async db =>
        {
            var first = await db.Attempts.Where(a => a.UserId == user.Sub && a.InstrumentCode == SelfAssessment).SingleAsync();
            first.StartedAt = first.UpdatedAt = eightMonthsAgo;
            first.SubmittedAt = eightMonthsAgo;
            await db.SaveChangesAsync();
            await db.ProfilePointSets.Where(p => p.UserId == user.Sub).ExecuteDeleteAsync();
            await db.TeacherDevelopment.Where(p => p.UserId == user.Sub).ExecuteDeleteAsync();
            return 0;
        });
        await RebuildAsync(user);

        var points = await env.Tool.WithDbAsync(db => db.ProfilePointSets.AsNoTracking().Where(p => p.UserId == user.Sub).ToListAsync());
        Assert.Contains(points, p => Math.Abs((p.At - eightMonthsAgo).TotalSeconds) < 1);
        Assert.Contains(points, p => p.At > DateTimeOffset.UtcNow.AddDays(-1));
        var (_, page) = await env.Driver().GetAsync($"s/{sid}/development");
        var present = Regex.Match(page, "<ul id=\"indicators-present\">.*?</ul>", RegexOptions.Singleline).Value;
        Assert.Contains("data-indicator=\"IrregularParticipation\"", present, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReviewedTaskAddsAMomentAtItsReviewThatARebuildFromTheEvidenceGivesBack()
    {
        var steps = new Cohort.CourseSteps(env);
        var course = Cohort.CourseSteps.NewContextId();
        var user = env.Platform.AddLearners(1)[0];
        var session = await steps.LaunchAsync(user, course);
        var attemptId = await steps.SubmitAsync(session, "lesson-plan", [("i.pt-lesson-plan", "Outcomes: write a for loop. Stages: recap, pairs, quiz.")]);
        var designer = await steps.LaunchAsync(steps.Designer, course);
        using var reviewed = await steps.PostAsync($"s/{designer}/review/{attemptId}",
            new[] { "outcomes", "alignment", "activity", "timing", "errors" }.Select(c => ($"p.pt-lesson-plan.{c}", "4")));
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        var reviewedAt = await env.Tool.WithDbAsync(db => db.AttemptReviews.Where(r => r.AttemptId == attemptId).Select(r => r.ReviewedAt).SingleAsync());

        var moments = await MomentsAsync(user);
        Assert.Contains(moments, m => m.AttemptId == attemptId && m.Stage == (int)PointStage.Reviewed && m.At == reviewedAt && m.Points.Length > 0);

        await env.Tool.WithDbAsync(db => db.ProfilePointSets.Where(p => p.UserId == user.Sub).ExecuteDeleteAsync());
        await RebuildAsync(user);
        Assert.Equal(moments, await MomentsAsync(user));
    }

    /// <summary>The person's stored moments, each with its points written out, in one order.</summary>
    private async Task<List<(string AttemptId, int Stage, DateTimeOffset At, string Points)>> MomentsAsync(SimUser user)
    {
        var sets = await env.Tool.WithDbAsync(db => db.ProfilePointSets.AsNoTracking().Where(p => p.UserId == user.Sub).ToListAsync());
        return sets.OrderBy(s => s.AttemptId, StringComparer.Ordinal).ThenBy(s => s.Stage)
            .Select(s => (s.AttemptId, s.Stage, s.At,
                string.Join("; ", ProfilePointsText.Read(s.Points, s.At).OrderBy(p => p.CompetencyCode, StringComparer.Ordinal))))
            .ToList();
    }

    private async Task RebuildAsync(SimUser user)
    {
        await using var scope = env.Tool.Services.CreateAsyncScope();
        var recompute = scope.ServiceProvider.GetRequiredService<DevelopmentRecompute>();
        var registration = await env.Tool.WithDbAsync(db => db.Attempts.AsNoTracking().Where(a => a.UserId == user.Sub).Select(a => new { a.PlatformId, a.DeploymentId }).FirstAsync());
        await recompute.RecomputeAsync([new PersonScope(registration.PlatformId, registration.DeploymentId, user.Sub)], RecomputeCause.Rebuild, DateTimeOffset.UtcNow, default);
    }

    private static List<(string Module, string State)> Steps(string page) =>
        Regex.Matches(page, "<li class=\"route-step[^\"]*\" data-module=\"([^\"]+)\" data-state=\"([^\"]+)\"")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    private async Task<(SimUser User, string Sid)> LaunchAsync(SimUser user)
    {
        var outcome = await env.Driver().LaunchAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return (user, outcome.SessionId!);
    }

    private async Task SubmitAllAsync(string sid, string code)
    {
        var document = await env.Tool.WithDbAsync(db => db.Instruments.AsNoTracking().Where(i => i.Code == code).Select(i => i.Document).FirstAsync());
        var answers = InstrumentDocument.Parse(document).Value!.Items
            .Select(item => ($"i.{item.Code}", item.Options.Count == 0 ? "3" : item.Options.MaxBy(o => o.Score)!.Code))
            .Append(("confirmed", "true")).ToList();
        using var submitted = await PostAsync($"s/{sid}/assess/{code}?handler=Submit", answers);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
    }
}
