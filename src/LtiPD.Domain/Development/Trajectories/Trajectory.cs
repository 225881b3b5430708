using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Development;

/// <summary>
/// One dated point of a teacher's profile history: the teacher's merged profile for one competency at the moment an attempt
/// was submitted or reviewed.
/// </summary>
public sealed record ProfilePoint(DateTimeOffset At, string CompetencyCode, Component Component, double Percent, Level Level);

public enum Trend
{
    /// <summary>Fewer than two points: no direction can be told.</summary>
    Unknown = 0,
    Rising = 1,
    Flat = 2,
    Falling = 3,
}

/// <summary>How trend and stagnation are told (docs/indicators.md, "Trajectory").</summary>
/// <param name="StagnationMonths">A level held this many months, with activity in that time, is a stagnation.</param>
/// <param name="StagnationMinPoints">Points within the stagnation window needed to call it "despite activity".</param>
/// <param name="TrendMonths">The trend compares the latest percent with the first one this many months before it.</param>
/// <param name="FlatBand">A change of less than this many points either way is flat.</param>
public sealed record TrajectoryPolicy(int StagnationMonths = 6, int StagnationMinPoints = 2, int TrendMonths = 6, double FlatBand = 5)
{
    public static TrajectoryPolicy Default { get; } = new();

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (StagnationMonths is < 1 or > 120)
            problems.Add($"{nameof(StagnationMonths)} must be from 1 to 120 months; it is {StagnationMonths}.");
        if (StagnationMinPoints < 1)
            problems.Add($"{nameof(StagnationMinPoints)} must be at least 1; it is {StagnationMinPoints}.");
        if (TrendMonths is < 1 or > 120)
            problems.Add($"{nameof(TrendMonths)} must be from 1 to 120 months; it is {TrendMonths}.");
        if (!(FlatBand is >= 0 and <= 100))
            problems.Add($"{nameof(FlatBand)} must be within 0–100 points; it is {FlatBand}.");
        return problems;
    }
}

/// <summary>A competency's levels over time, as the teacher sees it.</summary>
/// <param name="Points">The competency's points, oldest first.</param>
/// <param name="Current">The level of the latest point; null when there is none.</param>
/// <param name="CurrentLevelSince">When the current level was first reached without a change since.</param>
/// <param name="LevelsToTarget">Levels between the current level and the target, 0 when reached; null when either is unknown.</param>
/// <param name="Stagnant">No level change for <see cref="TrajectoryPolicy.StagnationMonths"/> despite activity, below the target.</param>
public sealed record Trajectory(
    string CompetencyCode,
    IReadOnlyList<ProfilePoint> Points,
    Level? Current,
    DateTimeOffset? CurrentLevelSince,
    Trend Trend,
    Level? Target,
    int? LevelsToTarget,
    bool Stagnant);

/// <summary>
/// Builds trajectories from profile points. Definitions (docs/indicators.md):
/// <list type="bullet">
/// <item><b>Trend</b>: latest percent minus a baseline percent, the baseline being the earliest point at or after
/// latest − <see cref="TrajectoryPolicy.TrendMonths"/> (the point just before the latest when that is the latest itself);
/// Rising at +FlatBand or more, Falling at −FlatBand or less, Flat between.</item>
/// <item><b>Stagnant</b>: the current level has held since at least now − StagnationMonths, at least StagnationMinPoints
/// points fall in that window (activity), and the current level is below the target (below Advanced when no target).</item>
/// </list>
/// </summary>
public static class Trajectories
{
    /// <param name="points">Points of any competencies in any order; only <paramref name="competencyCode"/>'s are used. Passing just
    /// that competency's points in time order costs no copy.</param>
    public static Trajectory Of(string competencyCode, IReadOnlyList<ProfilePoint> points, Level? target, DateTimeOffset now, TrajectoryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(competencyCode);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(policy);
        var own = Own(competencyCode, points);
        if (own.Count == 0)
            return new Trajectory(competencyCode, own, null, null, Trend.Unknown, target, null, false);

        var last = own[^1];
        var current = last.Level;
        var since = own.Count - 1;
        while (since > 0 && own[since - 1].Level == current)
            since--;
        var currentSince = own[since].At;

        var windowStart = now.AddMonths(-policy.StagnationMonths);
        var inWindow = 0;
        for (var i = own.Count - 1; i >= 0 && own[i].At >= windowStart; i--)
        {
            if (own[i].At <= now)
                inWindow++;
        }
        var ceiling = target ?? Level.Advanced;
        var stagnant = currentSince <= windowStart && inWindow >= policy.StagnationMinPoints && current < ceiling;

        int? levelsToTarget = target is { } t ? Math.Max(0, (int)t - (int)current) : null;
        return new Trajectory(competencyCode, own, current, currentSince, TrendOf(own, policy), target, levelsToTarget, stagnant);
    }

    private static Trend TrendOf(IReadOnlyList<ProfilePoint> own, TrajectoryPolicy policy)
    {
        if (own.Count < 2)
            return Trend.Unknown;
        var last = own[^1];
        var from = last.At.AddMonths(-policy.TrendMonths);
        var baseline = own.Count - 2;
        while (baseline > 0 && own[baseline - 1].At >= from)
            baseline--;
        var delta = last.Percent - own[baseline].Percent;
        return delta >= policy.FlatBand ? Trend.Rising
            : delta <= -policy.FlatBand ? Trend.Falling
            : Trend.Flat;
    }

    private static IReadOnlyList<ProfilePoint> Own(string competencyCode, IReadOnlyList<ProfilePoint> points)
    {
        var allOwn = true;
        var sorted = true;
        for (var i = 0; i < points.Count; i++)
        {
            allOwn &= string.Equals(points[i].CompetencyCode, competencyCode, StringComparison.Ordinal);
            sorted &= i == 0 || points[i - 1].At <= points[i].At;
        }
        if (allOwn && sorted)
            return points;

        var own = new List<ProfilePoint>();
        for (var i = 0; i < points.Count; i++)
        {
            if (string.Equals(points[i].CompetencyCode, competencyCode, StringComparison.Ordinal))
                own.Add(points[i]);
        }
        // A stable sort keeps points of the same instant in the order the host wrote them.
        return sorted ? own : own.OrderBy(p => p.At).ToList();
    }
}
