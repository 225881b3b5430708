using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Domain.Statistics;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Cohort;

/// <summary>
/// Teachers of one course submit the social self-assessment; the course designer's reliability page shows
/// Cronbach's alpha of the communication scale (items ssa-01…ssa-04, ssa-04 reverse-keyed). The expected
/// numbers come from the domain's <see cref="ScaleReliability"/> over the fractions the answers stand for.
/// </summary>
public sealed class ReliabilityTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string SelfAssessment = "social-self-assessment";
    private const string Scale = "soc-communication";
    private static readonly string[] ScaleItems = ["ssa-01", "ssa-02", "ssa-03", "ssa-04"];
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private readonly CourseSteps _steps = new(env);

    [Fact]
    public async Task ConsistentAnswersShowTheirAlphaWithoutAWarning()
    {
        int[][] levels = [[2, 2, 3, 1], [4, 3, 4, 4], [5, 5, 4, 5]];
        var expected = Expected(levels);
        Assert.True(expected.Alpha >= ScaleReliability.MinAlpha);

        var section = await ScaleSectionAsync(await CourseWithAnswersAsync(levels));

        Assert.Equal(expected.Alpha!.Value.ToString("0.00", English), Regex.Match(section, "class=\"alpha\">([^<]+)<").Groups[1].Value);
        Assert.Contains("3 of 3 respondents answered every item", section, StringComparison.Ordinal);
        Assert.DoesNotContain("low-alpha", section, StringComparison.Ordinal);
        Assert.Matches("<caption>Items of the scale", section);
        foreach (var item in expected.Items)
        {
            var row = Regex.Match(section, $"<tr data-item=\"{ScaleItems[item.Index]}\">[\\s\\S]*?</tr>").Value;
            Assert.Contains($"<td>{item.Mean.ToString("0.00", English)}</td>", row, StringComparison.Ordinal);
            Assert.Contains($"<td>{item.AlphaIfDeleted!.Value.ToString("0.00", English)}</td>", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InconsistentAnswersAreFlaggedWithALowAlphaWarning()
    {
        int[][] levels = [[1, 5, 2, 4], [5, 1, 4, 2], [3, 4, 1, 5]];
        var expected = Expected(levels);
        Assert.True(expected.Alpha < ScaleReliability.MinAlpha);

        var section = await ScaleSectionAsync(await CourseWithAnswersAsync(levels));

        Assert.Equal(expected.Alpha!.Value.ToString("0.00", English), Regex.Match(section, "class=\"alpha\">([^<]+)<").Groups[1].Value);
        Assert.Matches("class=\"warn low-alpha\" role=\"note\"><span aria-hidden=\"true\">⚠</span> Low reliability", section);
        var lowItems = expected.Warnings.Where(w => w.Kind == ReliabilityWarningKind.LowItemTotal).Select(w => ScaleItems[w.ItemIndex!.Value]).ToList();
        Assert.NotEmpty(lowItems);
        foreach (var item in ScaleItems)
        {
            var row = Regex.Match(section, $"<tr data-item=\"{item}\">[\\s\\S]*?</tr>").Value;
            Assert.Equal(lowItems.Contains(item), row.Contains("low-item-total", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task OneRespondentIsNotEnoughAndThePageSumsUpTheScalesThatWaitInsteadOfABoxEach()
    {
        var designer = await CourseWithAnswersAsync([[3, 4, 3, 4]]);

        var page = await _steps.GetAsync($"s/{designer}/reliability");

        var summary = Regex.Match(page.Body, "<div class=\"empty not-yet\">[\\s\\S]*?</div>").Value;
        Assert.Contains("These scales cannot be computed yet: each needs at least 2 respondents who answered all its items; the most so far is 1.", summary, StringComparison.Ordinal);
        Assert.Contains($"<li data-scale=\"{Scale}\">", summary, StringComparison.Ordinal);
        Assert.DoesNotContain($"<section class=\"scale\" data-scale=\"{Scale}\"", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"alpha\"", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachInstrumentsHeadingNamesItsVersionNotRazorSource()
    {
        var designer = await CourseWithAnswersAsync([[3, 4, 3, 4]]);

        var page = await _steps.GetAsync($"s/{designer}/reliability");

        Assert.DoesNotContain("@i.", page.Body, StringComparison.Ordinal);
        Assert.Matches("<h2 id=\"title-social-self-assessment-1\">[^<]+<span class=\"muted\">· v1 · ", page.Body);
    }

    [Fact]
    public async Task ACourseWithoutSubmissionsShowsTheEmptyState()
    {
        var designer = await _steps.LaunchAsync(_steps.Designer, CourseSteps.NewContextId());

        var page = await _steps.GetAsync($"s/{designer}/reliability");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("id=\"reliability-empty\"", page.Body, StringComparison.Ordinal);
    }

    /// <summary>A new course where teacher r answers the scale with keyed levels[r] (the reverse item gets 6 − level) and 3 elsewhere; the designer's session.</summary>
    private async Task<string> CourseWithAnswersAsync(int[][] levels)
    {
        var course = CourseSteps.NewContextId();
        for (var r = 0; r < levels.Length; r++)
        {
            var session = await _steps.LaunchAsync(_steps.Teacher(r), course);
            var fields = Enumerable.Range(1, 28).Select(n => ($"i.ssa-{n:00}", "3")).ToDictionary(f => f.Item1, f => f.Item2);
            for (var j = 0; j < ScaleItems.Length; j++)
                fields[$"i.{ScaleItems[j]}"] = (ScaleItems[j] == "ssa-04" ? 6 - levels[r][j] : levels[r][j]).ToString(CultureInfo.InvariantCulture);
            await _steps.SubmitAsync(session, SelfAssessment, fields.Select(f => (f.Key, f.Value)));
        }
        return await _steps.LaunchAsync(_steps.Designer, course);
    }

    private async Task<string> ScaleSectionAsync(string designer)
    {
        var page = await _steps.GetAsync($"s/{designer}/reliability");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var section = Regex.Match(page.Body, $"<section class=\"scale\" data-scale=\"{Scale}\"[\\s\\S]*?</section>");
        Assert.True(section.Success, "The communication scale is on the page.");
        return section.Value;
    }

    /// <summary>A Likert level 1…5 (after reverse keying) scores (level − 1) / 4.</summary>
    private static ReliabilityReport Expected(int[][] levels) =>
        ScaleReliability.Analyse(levels.Select(row => (IReadOnlyList<double>)row.Select(l => (l - 1) / 4.0).ToList()).ToList());
}
