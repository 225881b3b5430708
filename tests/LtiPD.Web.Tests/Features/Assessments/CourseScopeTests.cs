using System.Net;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Tests.Features.Cohort;
using LtiPD.Web.Tests.Features.Grades;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Assessments;

/// <summary>
/// An attempt belongs to the course it was started in. A teacher who starts an assessment in course A and launches the same
/// assessment in course B gets a fresh attempt there; A's attempt cannot be answered, submitted or shown from B; B's grade
/// goes to B's gradebook column and its delivery says B; and A's designers see nothing of B. Course A is the simulator's own
/// course; course B is another context whose launch names another gradebook column of the simulator.
/// </summary>
public sealed class CourseScopeTests(FastGradesEnvironment env) : IClassFixture<FastGradesEnvironment>
{
    private const string SelfAssessment = "social-self-assessment";
    private const string AgsEndpointClaim = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";

    private readonly CourseSteps _steps = new(env);

    [Fact]
    public async Task AnAttemptStartedInOneCourseIsNeitherResumedNorSubmittedNorGradedFromAnother()
    {
        var teacher = _steps.Teacher(0);
        var courseA = env.Platform.Course.Id;
        var sessionA = await LaunchAsync(teacher);
        var pageA = await _steps.GetAsync($"s/{sessionA}/assess/{SelfAssessment}");
        var attemptA = AttemptOf(pageA.Body);
        var items = Items(pageA.Body);
        using (var saved = await _steps.PostAsync($"s/{sessionA}/assess/{SelfAssessment}?handler=Save", [($"i.{items[0]}", "4"), ($"i.{items[1]}", "4")]))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var before = await AttemptRowAsync(attemptA);

        var courseB = CourseSteps.NewContextId();
        var columnB = env.Platform.AddLineItem($"Column of {courseB}", 100, null, null, null);
        var sessionB = await LaunchAsync(teacher, courseB, columnB.Id);
        var pageB = await _steps.GetAsync($"s/{sessionB}/assess/{SelfAssessment}");
        var attemptB = AttemptOf(pageB.Body);

        Assert.NotEqual(attemptA, attemptB);
        Assert.Contains($"id=\"answered-count\">0 of {items.Count} answered<", pageB.Body, StringComparison.Ordinal);

        using (var answer = await _steps.PostAsync($"s/{sessionB}/assess/{SelfAssessment}?handler=Answer&attemptId={attemptA}", [($"i.{items[2]}", "1")]))
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.Contains($"\"error\":\"{Attempts.AttemptNotFound}\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var resultFromB = await _steps.GetAsync($"s/{sessionB}/result/{attemptA}");
        Assert.Equal(HttpStatusCode.NotFound, resultFromB.Status);
        Assert.Contains($"id=\"error-code\">{Attempts.AttemptNotFound}<", resultFromB.Body, StringComparison.Ordinal);

        var submittedB = await _steps.SubmitAsync(sessionB, SelfAssessment, items.Select(i => ($"i.{i}", "2")));

        Assert.Equal(attemptB, submittedB);
        Assert.Equal(before, await AttemptRowAsync(attemptA)); // A's attempt: still in progress, with its two answers as they were
        var delivery = await WaitForSentAsync(attemptB);
        Assert.Equal(courseB, delivery.ContextId);
        Assert.Equal(columnB.Id.AbsoluteUri, delivery.LineItemUrl);
        var columnA = env.Platform.LineItems.Single(i => i.ResourceLinkId == "1");
        Assert.Single(env.Platform.Scores, s => s.UserId == teacher.Sub && s.LineItemId == columnB.Id);
        Assert.DoesNotContain(env.Platform.Scores, s => s.UserId == teacher.Sub && s.LineItemId == columnA.Id);
        Assert.False(await env.Tool.WithDbAsync(db => db.GradeDeliveries.AnyAsync(g => g.AttemptId == attemptA)));

        // A colleague hands the assessment in in A, so A's gradebook column has a result for A's designer to read.
        var colleague = _steps.Teacher(1);
        var colleagueAttempt = await _steps.SubmitAsync(await LaunchAsync(colleague), SelfAssessment, items.Select(i => ($"i.{i}", "4")));
        Assert.Equal(courseA, (await WaitForSentAsync(colleagueAttempt)).ContextId);
        var designerA = await LaunchAsync(_steps.Designer);

        var results = await _steps.GetAsync($"s/{designerA}/grades/results");
        var cohort = await _steps.GetAsync($"s/{designerA}/cohort");

        Assert.Equal(HttpStatusCode.OK, results.Status);
        Assert.Contains($"data-line-item=\"{WebUtility.HtmlEncode(columnA.Id.AbsoluteUri)}\"", results.Body, StringComparison.Ordinal);
        Assert.Contains($"<tr data-user=\"{colleague.Sub}\">", results.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(WebUtility.HtmlEncode(columnB.Id.AbsoluteUri), results.Body, StringComparison.Ordinal);
        Assert.DoesNotContain($"<tr data-user=\"{teacher.Sub}\">", results.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, cohort.Status);
        Assert.Equal("0", SubmittedCell(cohort.Body, teacher.Sub));
        Assert.Equal("1", SubmittedCell(cohort.Body, colleague.Sub));
        var designerB = await LaunchAsync(_steps.Designer, courseB, columnB.Id);
        Assert.Equal("1", SubmittedCell((await _steps.GetAsync($"s/{designerB}/cohort")).Body, teacher.Sub));
    }

    [Fact]
    public async Task TheTeachersHomeInAnotherCourseOffersThatCoursesOwnAttempt()
    {
        var teacher = _steps.Teacher(2);
        var courseA = CourseSteps.NewContextId();
        var sessionA = await _steps.LaunchAsync(teacher, courseA);
        var attemptA = AttemptOf((await _steps.GetAsync($"s/{sessionA}/assess/{SelfAssessment}")).Body);
        var submittedA = await _steps.SubmitAsync(sessionA, SelfAssessment, Items((await _steps.GetAsync($"s/{sessionA}/assess/{SelfAssessment}")).Body).Select(i => ($"i.{i}", "3")));
        Assert.Equal(attemptA, submittedA);

        var sessionB = await _steps.LaunchAsync(teacher, CourseSteps.NewContextId());
        var homeB = await _steps.GetAsync($"s/{sessionB}/home");
        var takeB = await _steps.GetAsync($"s/{sessionB}/assess/{SelfAssessment}");

        var card = Regex.Match(homeB.Body, $"<li class=\"card\" data-instrument=\"{SelfAssessment}\">[\\s\\S]*?</li>").Value;
        Assert.DoesNotContain(attemptA, card, StringComparison.Ordinal);
        Assert.Contains($"href=\"/s/{sessionB}/assess/{SelfAssessment}\"", card, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"take-again\"", takeB.Body, StringComparison.Ordinal); // nothing was submitted in B
        Assert.NotEqual(attemptA, AttemptOf(takeB.Body));
    }

    private async Task<string> LaunchAsync(SimUser user, string? contextId = null, Uri? lineItem = null)
    {
        var outcome = await env.Driver().LaunchAsync(user, draft =>
        {
            // The self-assessment's own link: a column holds one item, and this link's column is the self-assessment's.
            Claims.LinkTo(draft, SelfAssessment);
            if (contextId is not null)
            {
                var context = (Dictionary<string, object?>)draft.Claims[Claims.Context]!;
                context["id"] = contextId;
                context["title"] = $"Course {contextId}";
            }
            if (lineItem is not null)
                ((Dictionary<string, object?>)draft.Claims[AgsEndpointClaim]!)["lineitem"] = lineItem.AbsoluteUri;
        });
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    private static string AttemptOf(string page)
    {
        var match = Regex.Match(page, "data-attempt=\"([^\"]+)\"");
        Assert.True(match.Success, "the assessment form names its attempt");
        return match.Groups[1].Value;
    }

    private static List<string> Items(string page) =>
        Regex.Matches(page, "<fieldset class=\"item\" id=\"item-([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    private static string SubmittedCell(string cohortPage, string userId)
    {
        var row = Regex.Match(cohortPage, $"<tr data-user=\"{Regex.Escape(userId)}\">[\\s\\S]*?</tr>");
        Assert.True(row.Success, $"the cohort lists {userId}");
        return Regex.Match(row.Value, $"<td data-instrument=\"{SelfAssessment}\">([^<]*)</td>").Groups[1].Value;
    }

    private Task<string> AttemptRowAsync(string attemptId) => env.Tool.WithDbAsync(async db =>
    {
        var a = await db.Attempts.AsNoTracking().Include(x => x.Responses).SingleAsync(x => x.Id == attemptId);
        var answers = string.Join(",", a.Responses.OrderBy(r => r.ItemCode, StringComparer.Ordinal).Select(r => $"{r.ItemCode}={r.LikertValue}"));
        return $"{a.ContextId}|{a.Status}|{a.UpdatedAt.UtcTicks}|{a.SubmittedAt}|{answers}";
    });

    private async Task<LtiPD.Data.Entities.GradeDeliveryEntity> WaitForSentAsync(string attemptId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var row = await env.Tool.WithDbAsync(db => db.GradeDeliveries.AsNoTracking().SingleAsync(g => g.AttemptId == attemptId));
            if (row.Status == (int)DeliveryStatus.Sent)
                return row;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Delivery of {attemptId} stayed {(DeliveryStatus)row.Status}: {row.LastError}");
            await Task.Delay(50);
        }
    }
}
