using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Cohort;

/// <summary>
/// A teacher hands in the lesson-plan practical task; a course designer of the same course scores it over real
/// HTTP against the tool and a real SQLite file. Each test runs in a course of its own (the context claim the
/// simulator signs), so what one test hands in is never pending in another's course.
/// </summary>
public sealed class ReviewTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string LessonPlan = "lesson-plan";
    private const string Task = "pt-lesson-plan";
    private const string PlanText = "Outcomes: write a for loop. Stages: 10 min recap, 50 min pair programming, 20 min quiz, 10 min wrap-up.";
    private static readonly string[] Criteria = ["outcomes", "alignment", "activity", "timing", "errors"];

    private readonly CourseSteps _steps = new(env);

    [Fact]
    public async Task ADesignerScoresAPendingTaskAndTheTeachersResultShowsItsLevel()
    {
        var course = CourseSteps.NewContextId();
        var teacher = _steps.Teacher(0);
        var teacherSession = await _steps.LaunchAsync(teacher, course);
        var attemptId = await _steps.SubmitAsync(teacherSession, LessonPlan, [($"i.{Task}", PlanText)]);
        var designer = await _steps.LaunchAsync(_steps.Designer, course);

        var landing = await _steps.GetAsync($"s/{designer}/design");
        Assert.Contains("Practical tasks to review (1)", landing.Body, StringComparison.Ordinal);
        var list = await _steps.GetAsync($"s/{designer}/review");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Matches($"<tr data-attempt=\"{attemptId}\">\\s*<th scope=\"row\">{Regex.Escape(teacher.Name)}</th>", list.Body);

        var page = await _steps.GetAsync($"s/{designer}/review/{attemptId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(PlanText, page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"file-{Task}\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(5, Regex.Count(page.Body, "<input type=\"number\""));
        Assert.Contains("<label for=\"pt-lesson-plan-outcomes\">Learning outcomes are specific and measurable.", page.Body, StringComparison.Ordinal);
        var noFile = await _steps.GetAsync($"s/{designer}/review/{attemptId}/file/{Task}");
        Assert.Equal(HttpStatusCode.NotFound, noFile.Status);
        Assert.Contains("file_not_found", noFile.Body, StringComparison.Ordinal);

        using var saved = await _steps.PostAsync($"s/{designer}/review/{attemptId}", Points(4, 3, 2, 4, 1));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await env.Tool.WithDbAsync(db => db.Responses.Where(r => r.AttemptId == attemptId && r.ItemCode == Task)
            .Select(r => new { r.RubricPoints, r.ScoredBy }).SingleAsync());
        Assert.Equal(new Dictionary<string, int> { ["outcomes"] = 4, ["alignment"] = 3, ["activity"] = 2, ["timing"] = 4, ["errors"] = 1 },
            JsonSerializer.Deserialize<Dictionary<string, int>>(stored.RubricPoints!));
        Assert.Equal(_steps.Designer.Sub, stored.ScoredBy);
        var grade = await env.Tool.WithDbAsync(db => db.Attempts.Where(a => a.Id == attemptId)
            .Select(a => new { a.ScoreGiven, a.ScoreMaximum, a.GradingComplete }).SingleAsync());
        Assert.True(grade.GradingComplete);
        Assert.Equal(14 / 20.0, grade.ScoreGiven!.Value, 9); // the course programme was not handed in: 0 of its point
        Assert.Equal(2, grade.ScoreMaximum);

        var result = await _steps.GetAsync($"s/{teacherSession}/result/{attemptId}");
        Assert.DoesNotContain("grading-pending", result.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Waiting for the instructor", result.Body, StringComparison.Ordinal);
        Assert.Matches("<tr data-competency=\"ped-design\">[\\s\\S]*?<td class=\"level level-\\d\">High</td>\\s*<td>70%</td>", result.Body);
        var after = await _steps.GetAsync($"s/{designer}/review");
        Assert.DoesNotContain(attemptId, after.Body, StringComparison.Ordinal);
        Assert.Contains("Practical tasks to review (0)", (await _steps.GetAsync($"s/{designer}/design")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PointsOutOfRangeOrMissingAreRefusedWithTheirCodeAndNothingIsStored()
    {
        var course = CourseSteps.NewContextId();
        var attemptId = await _steps.SubmitAsync(await _steps.LaunchAsync(_steps.Teacher(1), course), LessonPlan, [($"i.{Task}", PlanText)]);
        var designer = await _steps.LaunchAsync(_steps.Designer, course);
        var fields = Points(5, 3, 2, 4, 1).Where(f => !f.Name.EndsWith(".alignment", StringComparison.Ordinal)).ToList();

        using var refused = await _steps.PostAsync($"s/{designer}/review/{attemptId}", fields);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"error-code\">rubric_points_invalid<", body, StringComparison.Ordinal);
        Assert.Contains("“Learning outcomes are specific and measurable.”: enter whole points from 0 to 4.", body, StringComparison.Ordinal);
        Assert.Contains("“Activities and checks of understanding match the outcomes.”: enter whole points from 0 to 4.", body, StringComparison.Ordinal);
        Assert.Matches("id=\"pt-lesson-plan-outcomes\"[^>]*value=\"5\"", body); // what was typed stays in the field
        var stored = await env.Tool.WithDbAsync(db => db.Responses.Where(r => r.AttemptId == attemptId).Select(r => new { r.RubricPoints, r.ScoredBy }).SingleAsync());
        Assert.Null(stored.RubricPoints);
        Assert.Null(stored.ScoredBy);
        Assert.False(await env.Tool.WithDbAsync(db => db.Attempts.Where(a => a.Id == attemptId).Select(a => a.GradingComplete).SingleAsync()));

        using var negative = await _steps.PostAsync($"s/{designer}/review/{attemptId}", Points(-1, 3, 2, 4, 1));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Null(await env.Tool.WithDbAsync(db => db.Responses.Where(r => r.AttemptId == attemptId).Select(r => r.RubricPoints).SingleAsync()));
    }

    [Fact]
    public async Task AnUploadedFileIsDownloadedAsAnAttachmentWithTheTypeItsContentHas()
    {
        var course = CourseSteps.NewContextId();
        var teacherSession = await _steps.LaunchAsync(_steps.Teacher(2), course);
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/html"); // the browser's claim, which the tool does not keep
        form.Add(file, $"f.{Task}", "plan.pdf");
        form.Add(new StringContent("true"), "confirmed"); // the second task is left out on purpose
        using var submitted = await _steps.PostAsync($"s/{teacherSession}/assess/{LessonPlan}?handler=Submit", form);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var attemptId = submitted.Headers.Location!.OriginalString.Split('/').Last();
        var designer = await _steps.LaunchAsync(_steps.Designer, course);

        var page = await _steps.GetAsync($"s/{designer}/review/{attemptId}");
        Assert.Contains($"href=\"/s/{designer}/review/{attemptId}/file/{Task}\"", page.Body, StringComparison.Ordinal);
        using var client = env.Tool.CreateRawClient();
        using var download = await client.GetAsync($"s/{designer}/review/{attemptId}/file/{Task}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("plan.pdf", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ADesignersOwnPracticalTaskIsNotOfferedForReviewAndScoringItIsForbidden()
    {
        var course = CourseSteps.NewContextId();
        var designer = await _steps.LaunchAsync(_steps.Designer, course);
        var attemptId = await _steps.SubmitAsync(designer, LessonPlan, [($"i.{Task}", PlanText)]);
        var before = await env.Tool.WithDbAsync(db => db.Attempts.Where(a => a.Id == attemptId)
            .Select(a => new { a.ScoreGiven, a.GradingComplete, a.UpdatedAt }).SingleAsync());

        var list = await _steps.GetAsync($"s/{designer}/review");
        var landing = await _steps.GetAsync($"s/{designer}/design");
        var review = await _steps.GetAsync($"s/{designer}/review/{attemptId}");
        using var scored = await _steps.PostAsync($"s/{designer}/review/{attemptId}", Points(4, 4, 4, 4, 4));

        Assert.DoesNotContain(attemptId, list.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"review-empty\"", list.Body, StringComparison.Ordinal);
        Assert.Contains("Practical tasks to review (0)", landing.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, review.Status);
        Assert.Equal(HttpStatusCode.Forbidden, scored.StatusCode);
        var body = await scored.Content.ReadAsStringAsync();
        Assert.Contains("id=\"error-code\">own_attempt<", body, StringComparison.Ordinal);
        Assert.Contains("This is your own practical task.", body, StringComparison.Ordinal);
        var stored = await env.Tool.WithDbAsync(db => db.Responses.Where(r => r.AttemptId == attemptId).Select(r => new { r.RubricPoints, r.ScoredBy }).SingleAsync());
        Assert.Null(stored.RubricPoints);
        Assert.Null(stored.ScoredBy);
        Assert.Equal(before, await env.Tool.WithDbAsync(db => db.Attempts.Where(a => a.Id == attemptId)
            .Select(a => new { a.ScoreGiven, a.GradingComplete, a.UpdatedAt }).SingleAsync()));

        // Another designer of the course still finds it waiting.
        var colleague = await _steps.LaunchAsync(env.Platform.Administrator, course);
        Assert.Contains($"<tr data-attempt=\"{attemptId}\">", (await _steps.GetAsync($"s/{colleague}/review")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALearnerIsRefusedTheDesignerPages()
    {
        var course = CourseSteps.NewContextId();
        var session = await _steps.LaunchAsync(_steps.Teacher(3), course);
        var attemptId = await _steps.SubmitAsync(session, LessonPlan, [($"i.{Task}", PlanText)]);

        foreach (var path in new[] { "review", $"review/{attemptId}", $"review/{attemptId}/file/{Task}", "reliability" })
        {
            var page = await _steps.GetAsync($"s/{session}/{path}");
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
            Assert.Contains("role_forbidden", page.Body, StringComparison.Ordinal);
        }
        using var post = await _steps.PostAsync($"s/{session}/review/{attemptId}", Points(4, 4, 4, 4, 4));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Null(await env.Tool.WithDbAsync(db => db.Responses.Where(r => r.AttemptId == attemptId).Select(r => r.RubricPoints).SingleAsync()));
    }

    [Fact]
    public async Task ADesignerOfAnotherCourseNeitherSeesNorScoresTheAttempt()
    {
        var course = CourseSteps.NewContextId();
        var attemptId = await _steps.SubmitAsync(await _steps.LaunchAsync(_steps.Teacher(4), course), LessonPlan, [($"i.{Task}", PlanText)]);
        var outsider = await _steps.LaunchAsync(_steps.Designer, CourseSteps.NewContextId());

        var list = await _steps.GetAsync($"s/{outsider}/review");
        var page = await _steps.GetAsync($"s/{outsider}/review/{attemptId}");
        using var post = await _steps.PostAsync($"s/{outsider}/review/{attemptId}", Points(4, 4, 4, 4, 4));

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.DoesNotContain(attemptId, list.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"review-empty\"", list.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("attempt_not_found", page.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null(await env.Tool.WithDbAsync(db => db.Responses.Where(r => r.AttemptId == attemptId).Select(r => r.RubricPoints).SingleAsync()));
    }

    private static List<(string Name, string Value)> Points(params int[] points) =>
        Criteria.Zip(points, (c, p) => ($"p.{Task}.{c}", p.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
}
