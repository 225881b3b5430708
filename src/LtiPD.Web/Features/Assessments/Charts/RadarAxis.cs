namespace LtiPD.Web.Features.Assessments.Charts;

/// <summary>One spoke of the radar chart: a competency (or a component) and its result.</summary>
/// <param name="Label">The localized name shown at the end of the spoke; any text, it is escaped.</param>
/// <param name="Percent">0–100; null when there is not enough evidence, which is drawn as a gap, never as zero.</param>
/// <param name="LevelName">The localized level of <paramref name="Percent"/> (e.g. "Average"), shown after it; null to show the percent alone.</param>
public sealed record RadarAxis(string Label, double? Percent, string? LevelName);
