using LtiPD.Domain.Development;

namespace LtiPD.Web.Features.Development;

/// <summary>
/// Settings of issue 11's computations (section "Development"), checked on start: a tool with a stage model that leaves a year
/// uncovered, or a minimum group below five, refuses to start and names the setting.
/// </summary>
public sealed class DevelopmentOptions
{
    public const string Section = "Development";

    /// <summary>The smallest group an aggregate shows; never below <see cref="MinimumGroup.Floor"/> (5).</summary>
    public int MinimumGroup { get; set; } = Domain.Development.MinimumGroup.Floor;

    /// <summary>Career stages by years of university teaching; empty means the documented default (0–3, 4–6, 7–18, 19+).</summary>
    public List<StageBandSetting> Stages { get; set; } = [];

    public int StagnationMonths { get; set; } = TrajectoryPolicy.Default.StagnationMonths;

    public int InactiveMonths { get; set; } = IndicatorPolicy.Default.InactiveMonths;

    public double MinActiveShare { get; set; } = IndicatorPolicy.Default.MinActiveShare;

    public int AbandonedDays { get; set; } = IndicatorPolicy.Default.AbandonedDays;

    /// <summary>An incremental night becomes a full rebuild when the last full one is older than this, so that indicators that
    /// move with time alone (months since the last activity) never go stale for teachers without new evidence.</summary>
    public int FullRebuildEveryDays { get; set; } = 7;

    public StageModel StageModel => Stages.Count == 0
        ? StageModel.Default
        : new StageModel(Stages.Select(s => new StageBand(s.Stage, s.FromYears, s.ToYears)).ToList());

    public TrajectoryPolicy TrajectoryPolicy => TrajectoryPolicy.Default with { StagnationMonths = StagnationMonths };

    public IndicatorPolicy IndicatorPolicy => IndicatorPolicy.Default with
    {
        InactiveMonths = InactiveMonths, MinActiveShare = MinActiveShare, AbandonedDays = AbandonedDays,
    };

    public IEnumerable<string> Problems()
    {
        if (MinimumGroup < Domain.Development.MinimumGroup.Floor)
            yield return $"{Section}:MinimumGroup is {MinimumGroup}; aggregates never show a group smaller than {Domain.Development.MinimumGroup.Floor} teachers.";
        foreach (var problem in StageModel.Problems(StageModel.Bands))
            yield return $"{Section}:Stages: {problem}";
        foreach (var problem in TrajectoryPolicy.Problems())
            yield return $"{Section}: {problem}";
        foreach (var problem in IndicatorPolicy.Problems())
            yield return $"{Section}: {problem}";
        if (FullRebuildEveryDays < 1)
            yield return $"{Section}:FullRebuildEveryDays must be at least 1; it is {FullRebuildEveryDays}.";
    }
}

public sealed class StageBandSetting
{
    public CareerStage Stage { get; set; }
    public int FromYears { get; set; }
    public int? ToYears { get; set; }
}
