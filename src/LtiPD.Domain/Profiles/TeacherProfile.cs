using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Profiles;

/// <summary>
/// A teacher's profile across instruments: each instrument sees only some competencies (a self-assessment
/// the social ones, a test the subject and pedagogical ones), so the pyramid needs them together. Per
/// competency (and per indicator) the percents of the instruments that have enough evidence are combined,
/// weighted by the number of answered items: ten answered statements say more than two. Instruments
/// without enough evidence for a competency do not pull it down; they simply do not count.
/// </summary>
public sealed record TeacherProfile(IReadOnlyList<CompetencyScore> Competencies, IReadOnlyList<IndicatorScore> Indicators)
{
    public static TeacherProfile Merge(IEnumerable<AttemptScore> attempts, ScoringPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        policy ??= ScoringPolicy.Default;
        var list = attempts.ToList();
        var competencies = list.SelectMany(a => a.Competencies)
            .GroupBy(c => c.Code, StringComparer.Ordinal)
            .Select(g => Combine(g.ToList(), policy))
            .ToList();
        var indicators = list.SelectMany(a => a.Indicators)
            .GroupBy(i => (i.CompetencyCode, i.Code))
            .Select(g => Combine(g.ToList(), policy))
            .ToList();
        return new TeacherProfile(competencies, indicators);
    }

    public ComponentScores Components => ComponentScores.From(Competencies);

    /// <summary>Levels of the competencies that have enough evidence.</summary>
    public IReadOnlyDictionary<string, Level> CompetencyLevels() =>
        Competencies.Where(c => c.Level is not null).ToDictionary(c => c.Code, c => c.Level!.Value, StringComparer.Ordinal);

    /// <summary>Levels of one competency's indicators (for a subject competency: its knowledge elements).</summary>
    public IReadOnlyDictionary<string, Level> IndicatorLevels(string competencyCode) =>
        Indicators.Where(i => i.CompetencyCode == competencyCode && i.Level is not null)
            .ToDictionary(i => i.Code, i => i.Level!.Value, StringComparer.Ordinal);

    private static CompetencyScore Combine(IReadOnlyList<CompetencyScore> scores, ScoringPolicy policy)
    {
        var first = scores[0];
        var (percent, evidence) = Weighted(scores.Select(s => (s.Evidence, s.Percent, s.Answered)));
        return new CompetencyScore(first.Code, first.Component, scores.Sum(s => s.Answered), scores.Sum(s => s.Pending),
            scores.Sum(s => s.ItemCount), percent, percent is { } p ? policy.LevelOf(p) : null, evidence);
    }

    private static IndicatorScore Combine(IReadOnlyList<IndicatorScore> scores, ScoringPolicy policy)
    {
        var first = scores[0];
        var (percent, evidence) = Weighted(scores.Select(s => (s.Evidence, s.Percent, s.Answered)));
        return new IndicatorScore(first.CompetencyCode, first.Code, scores.Sum(s => s.Answered), scores.Sum(s => s.Pending),
            scores.Sum(s => s.ItemCount), percent, percent is { } p ? policy.LevelOf(p) : null, evidence);
    }

    private static (double? Percent, Evidence Evidence) Weighted(IEnumerable<(Evidence Evidence, double? Percent, int Answered)> scores)
    {
        double sum = 0;
        var weight = 0;
        var pending = false;
        foreach (var (evidence, percent, answered) in scores)
        {
            pending |= evidence == Evidence.Pending;
            if (evidence != Evidence.Enough || percent is not { } p || answered == 0)
                continue;
            sum += p * answered;
            weight += answered;
        }
        if (weight > 0)
            return (sum / weight, Evidence.Enough);
        return (null, pending ? Evidence.Pending : Evidence.NotEnough);
    }
}
