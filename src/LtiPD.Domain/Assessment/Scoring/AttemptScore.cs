using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Assessment.Scoring;

/// <summary>
/// One attempt scored: per item, per indicator, per competency, the LMS grade, and the answers
/// that could not be scored. Built by <see cref="ScoringPlan.Score"/>; pure data.
/// </summary>
/// <param name="Items">In instrument order.</param>
/// <param name="Indicators">Indicators that have items, in framework order.</param>
/// <param name="Competencies">Competencies that have items, in framework order.</param>
/// <param name="Problems">Answers that were refused (and so count as unanswered); empty when all were usable.</param>
public sealed record AttemptScore(
    string InstrumentCode,
    int InstrumentVersion,
    IReadOnlyList<ItemScore> Items,
    IReadOnlyList<IndicatorScore> Indicators,
    IReadOnlyList<CompetencyScore> Competencies,
    LmsGrade Grade,
    IReadOnlyList<AnswerProblem> Problems)
{
    /// <summary>The score of a competency, or null when the instrument has no item for it.</summary>
    public CompetencyScore? Competency(string code)
    {
        for (var i = 0; i < Competencies.Count; i++)
        {
            if (string.Equals(Competencies[i].Code, code, StringComparison.Ordinal))
                return Competencies[i];
        }
        return null;
    }

    /// <summary>The score of an indicator of a competency, or null when the instrument has no item for it.</summary>
    public IndicatorScore? Indicator(string competencyCode, string indicatorCode)
    {
        for (var i = 0; i < Indicators.Count; i++)
        {
            var s = Indicators[i];
            if (string.Equals(s.Code, indicatorCode, StringComparison.Ordinal) && string.Equals(s.CompetencyCode, competencyCode, StringComparison.Ordinal))
                return s;
        }
        return null;
    }

    /// <summary>The level of each competency that has enough evidence, keyed by competency code (input of <see cref="Profiles.TaskChain"/>).</summary>
    public IReadOnlyDictionary<string, Level> CompetencyLevels()
    {
        var levels = new Dictionary<string, Level>(StringComparer.Ordinal);
        foreach (var s in Competencies)
        {
            if (s.Level is { } level)
                levels[s.Code] = level;
        }
        return levels;
    }

    /// <summary>
    /// The level of each indicator of a competency that has enough evidence, keyed by indicator code.
    /// For a subject competency these are the levels of its knowledge elements (an element is an
    /// indicator with the same code): the input of <see cref="Profiles.KsaMatrix"/> and <see cref="Profiles.TaskChain"/>.
    /// </summary>
    public IReadOnlyDictionary<string, Level> IndicatorLevels(string competencyCode)
    {
        var levels = new Dictionary<string, Level>(StringComparer.Ordinal);
        foreach (var s in Indicators)
        {
            if (s.Level is { } level && string.Equals(s.CompetencyCode, competencyCode, StringComparison.Ordinal))
                levels[s.Code] = level;
        }
        return levels;
    }
}

/// <summary>What became of one item.</summary>
public enum ItemState
{
    /// <summary>No answer: counts 0 in the grade and does not count as evidence.</summary>
    Unanswered = 0,

    /// <summary>Scored: <see cref="ItemScore.Fraction"/> holds 0…1.</summary>
    Scored = 1,

    /// <summary>A rubric task submitted but not (fully) scored by an instructor yet.</summary>
    Pending = 2,

    /// <summary>An answer was given but refused (see <see cref="AttemptScore.Problems"/>); treated as unanswered.</summary>
    Invalid = 3,
}

/// <param name="Fraction">0…1 when <see cref="State"/> is Scored; null otherwise.</param>
public readonly record struct ItemScore(string ItemCode, ItemState State, double? Fraction);

/// <summary>
/// Whether a competency or indicator has been measured. A percent and a level are given only for
/// <see cref="Enough"/>: skipping items must never read as a low level.
/// </summary>
public enum Evidence
{
    /// <summary>Answered items / all items ≥ <see cref="ScoringPolicy.MinAnsweredShare"/>.</summary>
    Enough = 0,

    /// <summary>Too few answered items, and scoring the pending rubric tasks would not change that.</summary>
    NotEnough = 1,

    /// <summary>Too few answered items yet, but enough once an instructor scores the pending rubric tasks.</summary>
    Pending = 2,
}

/// <summary>
/// An indicator's score. Percent = mean fraction of its scored items × 100; Level from the
/// policy's thresholds. Both null unless <see cref="Evidence"/> is Enough.
/// </summary>
/// <param name="Answered">Items scored (Invalid and Pending are not answered).</param>
/// <param name="Pending">Rubric items waiting for an instructor.</param>
/// <param name="ItemCount">All items of the indicator in the instrument.</param>
public readonly record struct IndicatorScore(
    string CompetencyCode,
    string Code,
    int Answered,
    int Pending,
    int ItemCount,
    double? Percent,
    Level? Level,
    Evidence Evidence);

/// <summary>
/// A competency's score. Percent = mean fraction of all its scored items × 100 (each item weighs
/// the same, whatever its indicator); Level from the policy's thresholds. Both null unless
/// <see cref="Evidence"/> is Enough. With Enough evidence and items still <see cref="Pending"/>,
/// the percent is provisional: it will move when the instructor scores the rubric.
/// </summary>
public readonly record struct CompetencyScore(
    string Code,
    Component Component,
    int Answered,
    int Pending,
    int ItemCount,
    double? Percent,
    Level? Level,
    Evidence Evidence);

/// <summary>
/// The grade sent to the LMS (LTI AGS score): ScoreGiven = sum of the item fractions of scored
/// items, ScoreMaximum = number of items, so every item weighs one point whatever its kind and an
/// unanswered or refused item gives 0. <see cref="GradingComplete"/> is false while a rubric task
/// awaits an instructor (AGS gradingProgress "PendingManual" rather than "FullyGraded").
/// </summary>
public readonly record struct LmsGrade(double ScoreGiven, double ScoreMaximum, bool GradingComplete);

/// <summary>
/// An attempt's evidence as a whole (<see cref="ScoringPlan.EvidenceOf"/>): whether it reaches the minimum share of answered
/// items, how many it has and needs, and the items left unanswered (or answered in a way that was refused).
/// </summary>
public sealed record AttemptEvidence(bool Enough, int Answered, int ItemCount, int MinimumAnswered, IReadOnlyList<string> Unanswered);
