using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Cohort;

/// <summary>
/// From the cohort list a course's instructor opens one member, the attempts they handed in in the course, and each result
/// as the teacher sees it, read-only; nobody reaches another course's member or attempt, and learners reach none of it.
/// </summary>
public sealed class MemberDrillDownTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string SelfAssessment = "social-self-assessment";
    private readonly CourseSteps _steps = new(env);

    [Fact]
    public async Task FromTheCohortListAnInstructorOpensAMembersAttemptsAndTheirResultReadOnly()
    {
        var course = CourseSteps.NewContextId();
        var teacher = _steps.Teacher(1);
        var session = await _steps.LaunchAsync(teacher, course);
        var attemptId = await SubmitSelfAssessmentAsync(session);
        var (_, own) = await _steps.GetAsync($"s/{session}/result/{attemptId}");
        var designer = await _steps.LaunchAsync(_steps.Designer, course);

        var cohort = await _steps.GetAsync($"s/{designer}/cohort");
        var memberLink = WebUtility.HtmlDecode(Regex.Match(cohort.Body,
            $"<tr data-user=\"{Regex.Escape(teacher.Sub)}\">\\s*<th scope=\"row\"><a href=\"([^\"]+)\">").Groups[1].Value);
        var member = await _steps.GetAsync(memberLink);
        var resultLink = Regex.Match(member.Body, $"<tr data-attempt=\"{attemptId}\"[^>]*>\\s*<th scope=\"row\"><a href=\"([^\"]+)\">").Groups[1].Value;
        var result = await _steps.GetAsync(resultLink);

        Assert.Equal($"/s/{designer}/cohort/member?user={Uri.EscapeDataString(teacher.Sub)}", memberLink);
        Assert.Equal(HttpStatusCode.OK, member.Status);
        Assert.Contains(teacher.Name, member.Body, StringComparison.Ordinal);
        Assert.Equal($"/s/{designer}/cohort/result/{attemptId}", resultLink);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        // The same levels the teacher reads on their own result page, and nothing to act on.
        Assert.Equal(LevelsTable(own), LevelsTable(result.Body));
        Assert.Contains("<table id=\"levels\">", result.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"radar-figure\"", result.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("take-again", result.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", result.Body, StringComparison.Ordinal);
        Assert.DoesNotContain($"/s/{designer}/assess/", result.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInstructorOfAnotherCourseGetsNotFoundForTheMemberAndTheAttempt()
    {
        var course = CourseSteps.NewContextId();
        var teacher = _steps.Teacher(2);
        var attemptId = await SubmitSelfAssessmentAsync(await _steps.LaunchAsync(teacher, course));
        // Another course of the same platform; without NRPS its members are the people seen launching there.
        var designerElsewhere = await LaunchWithoutRosterAsync(CourseSteps.NewContextId());

        var member = await _steps.GetAsync($"s/{designerElsewhere}/cohort/member?user={Uri.EscapeDataString(teacher.Sub)}");
        var result = await _steps.GetAsync($"s/{designerElsewhere}/cohort/result/{attemptId}");
        var nobody = await _steps.GetAsync($"s/{designerElsewhere}/cohort/member?user=");

        Assert.Equal(HttpStatusCode.NotFound, member.Status);
        Assert.Contains("id=\"error-code\">member_not_found<", member.Body, StringComparison.Ordinal);
        Assert.Contains("is not a member of this course", member.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Contains("id=\"error-code\">attempt_not_found<", result.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<table id=\"levels\">", result.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, nobody.Status);
    }

    [Fact]
    public async Task ALearnerIsRefusedTheMemberAndResultViewsEvenOfTheirOwnCourse()
    {
        var course = CourseSteps.NewContextId();
        var teacher = _steps.Teacher(3);
        var session = await _steps.LaunchAsync(teacher, course);
        var attemptId = await SubmitSelfAssessmentAsync(session);
        var colleague = await _steps.LaunchAsync(_steps.Teacher(4), course);

        var member = await _steps.GetAsync($"s/{colleague}/cohort/member?user={Uri.EscapeDataString(teacher.Sub)}");
        var result = await _steps.GetAsync($"s/{colleague}/cohort/result/{attemptId}");

        Assert.Equal(HttpStatusCode.Forbidden, member.Status);
        Assert.Contains("id=\"error-code\">role_forbidden<", member.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, result.Status);
        Assert.Contains("id=\"error-code\">role_forbidden<", result.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMemberWhoHandedInNothingHereHasAnEmptyPageNotARefusal()
    {
        var course = CourseSteps.NewContextId();
        var teacher = _steps.Teacher(5);
        await _steps.LaunchAsync(teacher, course);
        var designer = await _steps.LaunchAsync(_steps.Designer, course);

        var member = await _steps.GetAsync($"s/{designer}/cohort/member?user={Uri.EscapeDataString(teacher.Sub)}");

        Assert.Equal(HttpStatusCode.OK, member.Status);
        Assert.Contains("id=\"member-empty\"", member.Body, StringComparison.Ordinal);
    }

    private Task<string> SubmitSelfAssessmentAsync(string session) =>
        _steps.SubmitAsync(session, SelfAssessment, Enumerable.Range(1, 28).Select(n => ($"i.ssa-{n:00}", "4")));

    private async Task<string> LaunchWithoutRosterAsync(string course)
    {
        var outcome = await env.Driver().LaunchAsync(_steps.Designer, draft =>
        {
            var context = (Dictionary<string, object?>)draft.Claims[Claims.Context]!;
            context["id"] = course;
            draft.Claims.Remove("https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice");
        });
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    private static string LevelsTable(string page) => Regex.Match(page, "<table id=\"levels\">[\\s\\S]*?</table>").Value;
}
