using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Cohort;

/// <summary>The cohort page tells a designer each member's level per competency and how many members stand at each level.</summary>
public sealed class CohortLevelsTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private readonly CourseSteps _steps = new(env);

    [Fact]
    public async Task AMemberWhoHandedInTheSelfAssessmentHasLevelsAndIsCountedInTheCohortSummary()
    {
        var course = CourseSteps.NewContextId();
        var teacher = _steps.Teacher(0);
        var session = await _steps.LaunchAsync(teacher, course);
        await _steps.SubmitAsync(session, "social-self-assessment", Enumerable.Range(1, 28).Select(n => ($"i.ssa-{n:00}", "5")));
        var designer = await _steps.LaunchAsync(_steps.Designer, course);

        var page = await _steps.GetAsync($"s/{designer}/cohort");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var row = Regex.Match(page.Body, $"<tr data-user=\"{Regex.Escape(teacher.Sub)}\">[\\s\\S]*?</tr>").Value;
        Assert.Matches("<td class=\"levels\">[^<]+: (Low|Acceptable|Average|High|Advanced)", row);
        var summary = Regex.Match(page.Body, "<table id=\"cohort-levels\">[\\s\\S]*?</table>").Value;
        var counted = Regex.Matches(summary, "<td data-level=\"(?!none)[A-Za-z]+\">([0-9]+)</td>").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var competencies = Regex.Count(summary, "<tr data-competency=");
        Assert.True(competencies > 0, "the summary lists the measured competencies");
        Assert.Equal(competencies, counted); // the one member who handed in stands at one level on each of them
    }
}
