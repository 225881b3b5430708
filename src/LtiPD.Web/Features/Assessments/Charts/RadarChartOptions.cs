using LtiPD.Domain.Assessment.Scoring;

namespace LtiPD.Web.Features.Assessments.Charts;

/// <summary>
/// The words and scale of a radar chart. The page passes localized text; the English defaults
/// are a fallback so that a chart is never unnamed.
/// </summary>
public sealed record RadarChartOptions
{
    private static readonly IReadOnlyList<double> DefaultThresholds = [20, 40, 60, 80];

    /// <summary>The accessible name of the image (&lt;title&gt;).</summary>
    public string Title { get; init; } = "Competency profile";

    /// <summary>A sentence that leads the &lt;desc&gt;; every axis with its percent and level follows it.</summary>
    public string Summary { get; init; } = "";

    /// <summary>Shown in place of a percent for an axis without enough evidence.</summary>
    public string NoEvidence { get; init; } = "no evidence";

    /// <summary>
    /// Percents at which a grid ring is drawn: the lower bounds of the levels above Low, rising
    /// strictly within 0–100 (the outer ring, 100, is always drawn). Default 20/40/60/80, the
    /// thresholds of <see cref="ScoringPolicy.Default"/>; use <see cref="ThresholdsOf"/> for another policy.
    /// </summary>
    public IReadOnlyList<double> Thresholds { get; init; } = DefaultThresholds;

    /// <summary>Id of the &lt;svg&gt; and prefix of the ids inside it; give each chart on a page its own.</summary>
    public string Id { get; init; } = "radar";

    /// <summary>The level thresholds of a scoring policy, Acceptable to Advanced.</summary>
    public static IReadOnlyList<double> ThresholdsOf(ScoringPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [policy.AcceptableFrom, policy.AverageFrom, policy.HighFrom, policy.AdvancedFrom];
    }
}
