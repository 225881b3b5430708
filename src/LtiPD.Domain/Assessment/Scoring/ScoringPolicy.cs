using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Assessment.Scoring;

/// <summary>
/// The settings that turn answers into levels and profiles. Thresholds are lower bounds on the
/// 0–100 percent scale: a percent p has the highest level whose threshold is ≤ p, and Low below
/// <see cref="AcceptableFrom"/>. Bound from configuration and checked with <see cref="Validate"/>,
/// so a misconfigured tool refuses to start with a message that names the setting.
/// </summary>
/// <param name="AcceptableFrom">Lowest percent that is Acceptable (default 20).</param>
/// <param name="AverageFrom">Lowest percent that is Average (default 40).</param>
/// <param name="HighFrom">Lowest percent that is High (default 60).</param>
/// <param name="AdvancedFrom">Lowest percent that is Advanced (default 80).</param>
/// <param name="MinAnsweredShare">Share of a competency's (or indicator's) items that must be answered and
/// scored before it gets a percent and a level (default 0.6). Below it the evidence is "not enough": a
/// teacher who skipped most items has not shown a low level, they have shown nothing.</param>
/// <param name="DistortionMargin">Points by which the weakest component may lag the mean of the other two
/// before the pyramid counts as distorted (default 15).</param>
public sealed record ScoringPolicy(
    double AcceptableFrom = 20,
    double AverageFrom = 40,
    double HighFrom = 60,
    double AdvancedFrom = 80,
    double MinAnsweredShare = 0.6,
    double DistortionMargin = 15)
{
    /// <summary>
    /// Tolerance when comparing a percent with a threshold. A mean of fractions times 100 can come
    /// out as 19.999999999999996 where the arithmetic says 20; that must still be Acceptable.
    /// </summary>
    private const double Tolerance = 1e-9;

    /// <summary>The thresholds of seed 001's five equal bands and a 60 % evidence rule.</summary>
    public static ScoringPolicy Default { get; } = new();

    /// <summary>Every problem with the settings, each naming the setting; empty when the policy is usable.</summary>
    public IReadOnlyList<PolicyProblem> Validate()
    {
        var problems = new List<PolicyProblem>();
        CheckRange(problems, nameof(AcceptableFrom), AcceptableFrom);
        CheckRange(problems, nameof(AverageFrom), AverageFrom);
        CheckRange(problems, nameof(HighFrom), HighFrom);
        CheckRange(problems, nameof(AdvancedFrom), AdvancedFrom);
        CheckIncreasing(problems, nameof(AcceptableFrom), AcceptableFrom, nameof(AverageFrom), AverageFrom);
        CheckIncreasing(problems, nameof(AverageFrom), AverageFrom, nameof(HighFrom), HighFrom);
        CheckIncreasing(problems, nameof(HighFrom), HighFrom, nameof(AdvancedFrom), AdvancedFrom);
        if (!(MinAnsweredShare > 0 && MinAnsweredShare <= 1))
            problems.Add(new(nameof(MinAnsweredShare), $"{nameof(MinAnsweredShare)} must be above 0 and at most 1; it is {MinAnsweredShare}."));
        if (!(DistortionMargin >= 0 && DistortionMargin <= 100))
            problems.Add(new(nameof(DistortionMargin), $"{nameof(DistortionMargin)} must be within 0–100 points; it is {DistortionMargin}."));
        return problems;
    }

    /// <summary>The level of a percent on the 0–100 scale: the highest band whose lower bound it reaches.</summary>
    public Level LevelOf(double percent)
    {
        var p = percent + Tolerance;
        if (p >= AdvancedFrom)
            return Level.Advanced;
        if (p >= HighFrom)
            return Level.High;
        if (p >= AverageFrom)
            return Level.Average;
        return p >= AcceptableFrom ? Level.Acceptable : Level.Low;
    }

    /// <summary>Whether <paramref name="answered"/> of <paramref name="items"/> is enough evidence: answered / items ≥ <see cref="MinAnsweredShare"/>.</summary>
    public bool IsEnough(int answered, int items) =>
        items > 0 && answered + Tolerance >= MinAnsweredShare * items;

    private static void CheckRange(List<PolicyProblem> problems, string setting, double value)
    {
        // Written as a negated range so that NaN fails too.
        if (!(value >= 0 && value <= 100))
            problems.Add(new(setting, $"{setting} must be within 0–100; it is {value}."));
    }

    private static void CheckIncreasing(List<PolicyProblem> problems, string lowerName, double lower, string higherName, double higher)
    {
        if (!(higher > lower))
            problems.Add(new(higherName, $"{higherName} ({higher}) must be greater than {lowerName} ({lower}): thresholds rise strictly from Acceptable to Advanced."));
    }
}

/// <summary>A setting of <see cref="ScoringPolicy"/> that cannot be used, and why.</summary>
public sealed record PolicyProblem(string Setting, string Message);
