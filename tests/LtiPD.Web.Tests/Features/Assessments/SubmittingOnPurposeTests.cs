using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Domain.Content;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Tests.Features.Grades;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Assessments;

/// <summary>
/// Submitting is on purpose and a result is a record, over real HTTP with the platform simulator's gradebook: unanswered items
/// are named before anything is submitted, an attempt below the minimum evidence is kept without a level and sends no grade,
/// an empty practical task is refused, and a result page reads the same after later attempts.
/// </summary>
[Collection(GradesCollection.Name)]
public sealed class SubmittingOnPurposeTests(FastGradesEnvironment env) : IClassFixture<FastGradesEnvironment>
{
    private const string SelfAssessment = "social-self-assessment";
    private const string KnowledgeTest = "pedagogy-and-subject-test";
    private const string Situations = "teaching-situations";
    private const string LessonPlan = "lesson-plan";

    [Fact]
    public async Task SubmittingWithUnansweredItemsAsksFirstNamingHowManyAndWhich()
    {
        var (_, sid) = await LaunchAsync();
        var items = await ItemsAsync(SelfAssessment);

        using var asked = await PostAsync($"s/{sid}/assess/{SelfAssessment}?handler=Submit", [($"i.{items[0]}", "4"), ($"i.{items[1]}", "5")]);
        var body = await asked.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("id=\"confirm-submit\"", body, StringComparison.Ordinal);
        Assert.Contains($"{items.Count - 2} of {items.Count} questions are unanswered", body, StringComparison.Ordinal);
        var listed = Regex.Matches(Regex.Match(body, "<ul id=\"unanswered-items\">.*?</ul>", RegexOptions.Singleline).Value, "<li data-item=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(items.Skip(2), listed);
        Assert.Contains("id=\"submit-anyway\"", body, StringComparison.Ordinal);
        Assert.Contains($"id=\"go-back\" href=\"/s/{sid}/assess/{SelfAssessment}#item-{items[2]}\"", body, StringComparison.Ordinal);
        Assert.Contains("id=\"confirm-not-enough\"", body, StringComparison.Ordinal);
        // Nothing was submitted, and the two answers given are kept.
        var attempt = await env.Tool.WithDbAsync(db => db.Attempts.AsNoTracking().Include(a => a.Responses).SingleAsync(a => a.Id == AttemptId(body)));
        Assert.Equal(((int)AttemptStatus.InProgress, 2), (attempt.Status, attempt.Responses.Count));
    }

    [Fact]
    public async Task AnEmptyKnowledgeTestSubmittedAnywayIsKeptWithNotEnoughEvidenceAndNothingReachesTheGradebook()
    {
        var (user, sid) = await LaunchAsync();

        using var submitted = await PostAsync($"s/{sid}/assess/{KnowledgeTest}?handler=Submit", [("confirmed", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var (_, result) = await env.Driver().GetAsync(submitted.Headers.Location!.OriginalString);

        Assert.Contains("id=\"not-enough-evidence\"", result, StringComparison.Ordinal);
        Assert.Contains("You answered 0 of 12 questions; at least 8 are needed", result, StringComparison.Ordinal);
        Assert.Equal(12, Regex.Count(Regex.Match(result, "<ul id=\"missing-items\">.*?</ul>", RegexOptions.Singleline).Value, "<li data-item="));
        Assert.DoesNotContain("id=\"grade\"", result, StringComparison.Ordinal);
        Assert.DoesNotContain("no gap stands out", result, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"level level-", result, StringComparison.Ordinal);
        await AssertOnlyTheNextGradeArrivesAsync(user, sid);
    }

    [Fact]
    public async Task ASelfAssessmentWithTwoOfTwentyEightAnswersHasNoLevelAndSendsNoScore()
    {
        var (user, sid) = await LaunchAsync();
        var items = await ItemsAsync(SelfAssessment);

        using var submitted = await PostAsync($"s/{sid}/assess/{SelfAssessment}?handler=Submit",
            [($"i.{items[0]}", "4"), ($"i.{items[1]}", "5"), ("confirmed", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var attemptId = submitted.Headers.Location!.OriginalString.Split('/').Last();
        var (_, result) = await env.Driver().GetAsync(submitted.Headers.Location!.OriginalString);

        Assert.Equal(28, items.Count);
        Assert.Contains("You answered 2 of 28 questions; at least 17 are needed", result, StringComparison.Ordinal);
        Assert.Contains("id=\"missing-competencies\"", result, StringComparison.Ordinal);
        var attempt = await env.Tool.WithDbAsync(db => db.Attempts.AsNoTracking().SingleAsync(a => a.Id == attemptId));
        Assert.Equal(((int)AttemptStatus.Submitted, (double?)null, (double?)null), (attempt.Status, attempt.ScoreGiven, attempt.ScoreMaximum));
        await AssertOnlyTheNextGradeArrivesAsync(user, sid);
    }

    [Fact]
    public async Task AnEmptyPracticalTaskIsRefusedWithItsCodeAndNothingChanges()
    {
        var (user, sid) = await LaunchAsync();

        using var refused = await PostAsync($"s/{sid}/assess/{LessonPlan}?handler=Submit", [("confirmed", "true")]);
        var body = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Matches($"<li>Nothing is handed in for this practical task[^<]*<small class=\"muted\">Error code: <code>{Attempts.NothingHandedIn}</code></small></li>", body);
        var attempts = await env.Tool.WithDbAsync(db => db.Attempts.AsNoTracking().Where(a => a.UserId == user.Sub).ToListAsync());
        Assert.Equal((int)AttemptStatus.InProgress, Assert.Single(attempts).Status);
        Assert.Empty(await env.Tool.WithDbAsync(db => db.GradeDeliveries.AsNoTracking().Where(g => g.UserId == user.Sub).ToListAsync()));
        Assert.DoesNotContain(env.Platform.Scores, s => s.UserId == user.Sub);
    }

    [Fact]
    public async Task AnOldSelfAssessmentsResultPageIsUnchangedByLaterAttemptsOfOtherInstruments()
    {
        var (_, sid) = await LaunchAsync();
        var resultUrl = await SubmitAllAsync(sid, SelfAssessment);
        var attemptId = resultUrl.Split('/').Last();
        await WaitSentAsync(attemptId);
        var before = PageContent((await env.Driver().GetAsync(resultUrl)).Body);

        await SubmitAllAsync(sid, KnowledgeTest);
        await SubmitAllAsync(sid, Situations);
        var after = PageContent((await env.Driver().GetAsync(resultUrl)).Body);

        Assert.Equal(before, after);
        Assert.DoesNotContain("ksa-matrix", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Pedagogical", after, StringComparison.Ordinal);
        // The profile across attempts is where the later attempts show.
        var (_, profile) = await env.Driver().GetAsync($"s/{sid}/profile");
        Assert.Contains("Pedagogical", profile, StringComparison.Ordinal);
        Assert.Contains("ksa-matrix", profile, StringComparison.Ordinal);
        var record = await env.Tool.WithDbAsync(db => db.Attempts.AsNoTracking().Where(a => a.Id == attemptId).Select(a => a.ResultRecord).SingleAsync());
        Assert.Contains("\"stage\":\"Submitted\"", record, StringComparison.Ordinal);
    }

    /// <summary>
    /// A complete attempt after the one that sent nothing: once its grade is in the simulator's gradebook, that grade is the
    /// user's only score, so the earlier attempt never reached the LMS (and has no outbox row that could later).
    /// </summary>
    private async Task AssertOnlyTheNextGradeArrivesAsync(SimUser user, string sid)
    {
        var next = (await SubmitAllAsync(sid, Situations)).Split('/').Last();
        await WaitSentAsync(next);
        var rows = await env.Tool.WithDbAsync(db => db.GradeDeliveries.AsNoTracking().Where(g => g.UserId == user.Sub).ToListAsync());
        Assert.Equal(next, Assert.Single(rows).AttemptId);
        var score = Assert.Single(env.Platform.Scores, s => s.UserId == user.Sub);
        Assert.Equal(rows[0].ScoreGiven, score.ScoreGiven);
    }

    private async Task<(SimUser User, string Sid)> LaunchAsync()
    {
        // The course has a gradebook column for each assessment these tests submit (docs/grades.md: a grade taken from the
        // teacher's home goes to its item's own column), so a grade that is sent can be seen arriving.
        foreach (var code in new[] { SelfAssessment, KnowledgeTest, Situations })
        {
            if (!env.Platform.LineItems.Any(i => i.ResourceId == code && i.Tag == "ltipd"))
                env.Platform.AddLineItem(code, 100, resourceId: code, tag: "ltipd", resourceLinkId: null);
        }
        var user = env.Platform.AddLearners(1)[0];
        var outcome = await env.Driver().LaunchAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return (user, outcome.SessionId!);
    }

    private async Task<List<string>> ItemsAsync(string code)
    {
        var document = await env.Tool.WithDbAsync(db => db.Instruments.AsNoTracking().Where(i => i.Code == code).Select(i => i.Document).FirstAsync());
        return InstrumentDocument.Parse(document).Value!.Items.Select(i => i.Code).ToList();
    }

    /// <summary>Answers every item (the best keyed option, 4 on Likert items) and submits; returns the result page's path.</summary>
    private async Task<string> SubmitAllAsync(string sid, string code)
    {
        var document = await env.Tool.WithDbAsync(db => db.Instruments.AsNoTracking().Where(i => i.Code == code).Select(i => i.Document).FirstAsync());
        var answers = InstrumentDocument.Parse(document).Value!.Items
            .Select(item => ($"i.{item.Code}", item.Options.Count == 0 ? "4" : item.Options.MaxBy(o => o.Score)!.Code)).ToList();
        using var submitted = await PostAsync($"s/{sid}/assess/{code}?handler=Submit", answers);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        return submitted.Headers.Location!.OriginalString;
    }

    private async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
    }

    private async Task WaitSentAsync(string attemptId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await env.Tool.WithDbAsync(db => db.GradeDeliveries.AsNoTracking().Where(g => g.AttemptId == attemptId).Select(g => g.Status).SingleAsync()) != (int)DeliveryStatus.Sent)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The grade of attempt {attemptId} was not sent.");
            await Task.Delay(50);
        }
    }

    /// <summary>The page's content without the grade's delivery line, which follows the LMS, not the attempt.</summary>
    private static string PageContent(string body) =>
        Regex.Replace(Regex.Match(body, "<main id=\"main\">.*?</main>", RegexOptions.Singleline).Value, "<p id=\"grade-delivery\".*?</p>", "", RegexOptions.Singleline);

    private static string AttemptId(string html) => Regex.Match(html, "data-attempt=\"([^\"]+)\"").Groups[1].Value;
}
