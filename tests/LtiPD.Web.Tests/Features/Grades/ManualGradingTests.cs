using System.Net;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Grades;

/// <summary>
/// A practical task is graded by an instructor (AGS 2.0 §3.4.5): on submit the gradebook learns it is handed in and awaits
/// grading, with no score; after the review it holds the score and the reviewer's comment; a re-score replaces it.
/// </summary>
[Collection(GradesCollection.Name)]
public sealed class ManualGradingTests(FastGradesEnvironment env) : IClassFixture<FastGradesEnvironment>
{
    private const string LessonPlan = "lesson-plan";
    private const string Task = "pt-lesson-plan";
    private static readonly string[] Criteria = ["outcomes", "alignment", "activity", "timing", "errors"];
    private readonly GradeSteps _steps = new(env);

    [Fact]
    public async Task APracticalTaskIsPendingManualThenFullyGradedWithTheCommentThenReScoredWithANewerTimestamp()
    {
        var course = "manual-" + Guid.NewGuid().ToString("N")[..8];
        var teacher = env.Platform.AddLearners(1)[0];
        var session = await _steps.LaunchAsync(teacher, draft =>
        {
            Claims.LinkTo(draft, LessonPlan);
            ((Dictionary<string, object?>)draft.Claims[Claims.Context]!)["id"] = course;
        });
        var column = _steps.PlainLinkColumn().Id;

        var attempt = await _steps.SubmitBestAsync(session, LessonPlan);

        var pendingRow = await _steps.WaitAsync(attempt, DeliveryStatus.Sent);
        var pending = Assert.Single(env.Platform.Scores, s => s.UserId == teacher.Sub);
        Assert.Equal((column, "Submitted", "PendingManual", (double?)null, (double?)null), (pending.LineItemId, pending.ActivityProgress, pending.GradingProgress, pending.ScoreGiven, pending.ScoreMaximum));
        var scoreCall = env.Platform.Recorder.Calls.Last(c => c.Method == "POST" && c.PathAndQuery.Contains("/scores", StringComparison.Ordinal) && c.Body.Contains(teacher.Sub, StringComparison.Ordinal));
        Assert.DoesNotContain("scoreGiven", scoreCall.Body, StringComparison.Ordinal);
        var result = (await _steps.GetAsync($"s/{session}/result/{attempt}")).Body;
        Assert.Contains("id=\"grade\" data-state=\"awaiting-review\">Submitted, waiting for review.", result, StringComparison.Ordinal);
        Assert.DoesNotContain("Score: ", result, StringComparison.Ordinal);
        Assert.DoesNotContain("Grade sent to the LMS.", result, StringComparison.Ordinal);
        Assert.Contains("data-status=\"Sent\">Submitted, waiting for review: the LMS was told", result, StringComparison.Ordinal);

        var designer = await _steps.LaunchAsync(env.Platform.Designer, draft => ((Dictionary<string, object?>)draft.Claims[Claims.Context]!)["id"] = course);
        var form = (await _steps.GetAsync($"s/{designer}/review/{attempt}")).Body;
        Assert.Contains("maxlength=\"2000\"", form, StringComparison.Ordinal);
        Assert.Contains("id=\"review-comment-limit\">at most 2000 characters<", form, StringComparison.Ordinal);
        const string comment = "Clear outcomes; the timing of the quiz is too tight.";
        using (var reviewed = await _steps.PostAsync($"s/{designer}/review/{attempt}", [.. Points(4, 3, 2, 4, 1), ("comment", comment)]))
            Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);

        var gradedRow = await _steps.WaitAsync(attempt, r => r.Status == (int)DeliveryStatus.Sent && r.Timestamp > pendingRow.Timestamp);
        var graded = env.Platform.Scores.Last(s => s.UserId == teacher.Sub);
        Assert.Equal((column, "Completed", "FullyGraded", comment), (graded.LineItemId, graded.ActivityProgress, graded.GradingProgress, graded.Comment));
        Assert.Equal((gradedRow.ScoreGiven, 2.0), (graded.ScoreGiven!.Value, graded.ScoreMaximum!.Value));
        Assert.Equal(0.7, graded.ScoreGiven!.Value, 9);
        Assert.True(graded.Timestamp > pending.Timestamp);
        var after = (await _steps.GetAsync($"s/{session}/result/{attempt}")).Body;
        Assert.Contains("Grade sent to the LMS.", after, StringComparison.Ordinal);
        Assert.Matches("<tr data-criterion=\"timing\">\\s*<th scope=\"row\">[^<]+</th>\\s*<td>4 of \\d+</td>", after);
        Assert.Contains($"id=\"review-comment\" class=\"submitted-text\">{comment}<", after, StringComparison.Ordinal);
        Assert.Contains($">{comment}</textarea>", (await _steps.GetAsync($"s/{designer}/review/{attempt}")).Body, StringComparison.Ordinal);

        using (var rescored = await _steps.PostAsync($"s/{designer}/review/{attempt}", [.. Points(4, 4, 4, 4, 4), ("comment", "Revised after the discussion.")]))
            Assert.Equal(HttpStatusCode.Redirect, rescored.StatusCode);

        await _steps.WaitAsync(attempt, r => r.Status == (int)DeliveryStatus.Sent && r.Timestamp > gradedRow.Timestamp);
        var scores = env.Platform.Scores.Where(s => s.UserId == teacher.Sub).ToList();
        Assert.Equal(3, scores.Count);
        Assert.Equal((1.0, "Revised after the discussion."), (scores[2].ScoreGiven!.Value, scores[2].Comment));
        Assert.True(scores[2].Timestamp > scores[1].Timestamp);
    }

    [Fact]
    public async Task ACommentOverTheLimitIsRefusedWithItsCodeAndNothingIsStored()
    {
        var course = "manual-" + Guid.NewGuid().ToString("N")[..8];
        var teacher = env.Platform.AddLearners(1)[0];
        var session = await _steps.LaunchAsync(teacher, draft => ((Dictionary<string, object?>)draft.Claims[Claims.Context]!)["id"] = course);
        var attempt = await _steps.SubmitBestAsync(session, LessonPlan);
        var designer = await _steps.LaunchAsync(env.Platform.Designer, draft => ((Dictionary<string, object?>)draft.Claims[Claims.Context]!)["id"] = course);

        using var refused = await _steps.PostAsync($"s/{designer}/review/{attempt}", [.. Points(4, 3, 2, 4, 1), ("comment", new string('x', 2001))]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"error-code\">review_comment_too_long<", body, StringComparison.Ordinal);
        Assert.Contains("The comment is longer than 2000 characters; shorten it.", body, StringComparison.Ordinal);
        Assert.False(await env.Tool.WithDbAsync(db => db.Attempts.Where(a => a.Id == attempt).Select(a => a.GradingComplete).SingleAsync()));
        Assert.False(await env.Tool.WithDbAsync(db => db.AttemptReviews.AnyAsync(r => r.AttemptId == attempt)));
    }

    private static List<(string Name, string Value)> Points(params int[] points) =>
        Criteria.Zip(points, (c, p) => ($"p.{Task}.{c}", p.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
}
