using LtiPD.Domain.Assessment;
using LtiPD.Domain.People;
using LtiPD.Domain.Statistics;
using LtiPD.Web.Features.Assessments;

namespace LtiPD.Web.Features.Cohort;

/// <summary>One competency's items in one instrument version, analysed over the course's respondents.</summary>
public sealed record ScaleAnalysis(string CompetencyCode, IReadOnlyList<Item> Items, ReliabilityReport Report);

/// <summary>The scales of one instrument version that has submitted attempts in the course.</summary>
public sealed record InstrumentReliability(CatalogInstrument Instrument, int Respondents, IReadOnlyList<ScaleAnalysis> Scales);

/// <summary>
/// Internal consistency of every competency scale of the instruments taken in a course. A respondent counts
/// once per instrument: their newest submitted attempt (a peer rater once per colleague rated), so retakes do
/// not weigh a person twice. Item values are the scoring plan's fractions (0…1, reverse keying applied), so
/// the statistics describe the numbers the levels are made of; an item without a score is missing and
/// <see cref="ScaleReliability"/> leaves that respondent out of that scale.
/// </summary>
public sealed class CourseReliability(CourseAttempts attempts)
{
    public async Task<IReadOnlyList<InstrumentReliability>> AnalyseAsync(CourseScope course, CancellationToken ct)
    {
        var submitted = await attempts.AllSubmittedAsync(course, ct);
        var newest = submitted
            .GroupBy(a => (a.Attempt.InstrumentCode, a.Attempt.UserId, a.Attempt.SubjectUserId))
            .Select(g => g.MaxBy(a => a.Attempt.SubmittedAt)!);
        return newest
            .GroupBy(a => (a.Attempt.InstrumentCode, a.Attempt.InstrumentVersion))
            .Select(g => Analyse(g.First().Instrument, g.ToList()))
            .OrderBy(r => r.Instrument.Instrument.Kind).ThenBy(r => r.Instrument.Instrument.Code, StringComparer.Ordinal)
            .ThenBy(r => r.Instrument.Instrument.Version)
            .ToList();
    }

    private static InstrumentReliability Analyse(CatalogInstrument instrument, IReadOnlyList<CourseAttempt> respondents)
    {
        var index = instrument.Instrument.Items.Select((item, i) => (item.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        var fractions = respondents
            .Select(r => instrument.Plan.Score(Attempts.ToAnswers(r.Responses)).Items.Select(s => s.Fraction ?? double.NaN).ToArray())
            .ToList();
        var scales = new List<ScaleAnalysis>();
        // Scales in framework order, as the result pages list competencies.
        foreach (var competency in instrument.Framework.Competencies)
        {
            var items = instrument.Instrument.Items.Where(i => i.CompetencyCode == competency.Code).ToList();
            if (items.Count == 0)
                continue;
            var rows = fractions.Select(f => (IReadOnlyList<double>)items.Select(i => f[index[i.Code]]).ToList()).ToList();
            scales.Add(new ScaleAnalysis(competency.Code, items, ScaleReliability.Analyse(rows)));
        }
        return new InstrumentReliability(instrument, respondents.Count, scales);
    }
}
