using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;

namespace LtiPD.Domain.Tests.Development;

public sealed class TrajectoryTests
{
    private static ProfilePoint Point(string date, double percent, Level level, string code = "ped-design") =>
        new(DateTimeOffset.Parse(date + "T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), code, Component.Pedagogical, percent, level);

    private static readonly ProfilePoint[] Held =
    [
        Point("2026-01-01", 40, Level.Acceptable),
        Point("2026-02-01", 45, Level.Acceptable),
        Point("2026-03-01", 60, Level.Average),
        Point("2026-04-01", 62, Level.Average),
        Point("2026-08-01", 63, Level.Average),
        Point("2026-09-01", 61, Level.Average),
    ];

    private static DateTimeOffset At(string date) => DateTimeOffset.Parse(date + "T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ALevelHeldSixMonthsWithActivityBelowTheTargetIsAStagnation()
    {
        // Window 1 Apr – 1 Oct: Average since 1 Mar (before the window), three points in it (Apr, Aug, Sep), target High.
        var trajectory = Trajectories.Of("ped-design", Held, Level.High, At("2026-10-01"), TrajectoryPolicy.Default);

        Assert.True(trajectory.Stagnant);
        Assert.Equal(Level.Average, trajectory.Current);
        Assert.Equal(At("2026-03-01"), trajectory.CurrentLevelSince);
        Assert.Equal(1, trajectory.LevelsToTarget);
        Assert.Equal(6, trajectory.Points.Count);
    }

    [Fact]
    public void TheTrendComparesTheLatestPercentWithTheFirstWithinSixMonthsBeforeIt()
    {
        // Latest 61 on 1 Sep; the first point at or after 1 Mar is 60: +1 is within ±5, so flat.
        Assert.Equal(Trend.Flat, Trajectories.Of("ped-design", Held, null, At("2026-10-01"), TrajectoryPolicy.Default).Trend);
        Assert.Equal(Trend.Rising, Trajectories.Of("ped-design", Held[..3], null, At("2026-03-02"), TrajectoryPolicy.Default).Trend);
        Assert.Equal(Trend.Falling, Trajectories.Of("ped-design", [Held[3], Point("2026-05-01", 50, Level.Acceptable)], null, At("2026-05-02"), TrajectoryPolicy.Default).Trend);
        Assert.Equal(Trend.Unknown, Trajectories.Of("ped-design", Held[..1], null, At("2026-05-02"), TrajectoryPolicy.Default).Trend);
    }

    [Fact]
    public void WhenTheOnlyEarlierPointIsOlderThanTheTrendWindowItIsTheBaseline()
    {
        var points = new[] { Point("2025-01-01", 70, Level.High), Point("2026-01-01", 50, Level.Acceptable) };

        Assert.Equal(Trend.Falling, Trajectories.Of("ped-design", points, null, At("2026-01-02"), TrajectoryPolicy.Default).Trend);
    }

    [Fact]
    public void AReachedTargetIsNotAStagnation()
    {
        var trajectory = Trajectories.Of("ped-design", Held, Level.Average, At("2026-10-01"), TrajectoryPolicy.Default);

        Assert.False(trajectory.Stagnant);
        Assert.Equal(0, trajectory.LevelsToTarget);
    }

    [Fact]
    public void AHeldLevelWithoutActivityInTheWindowIsNotAStagnation()
    {
        // Only 1 Apr falls in 1 Apr – 1 Oct: one point is not "despite activity".
        var trajectory = Trajectories.Of("ped-design", Held[..4], Level.High, At("2026-10-01"), TrajectoryPolicy.Default);

        Assert.False(trajectory.Stagnant);
    }

    [Fact]
    public void ALevelReachedWithinTheWindowIsNotAStagnation()
    {
        // Window 15 Feb – 15 Aug: Average was reached on 1 Mar, inside it.
        var trajectory = Trajectories.Of("ped-design", Held[..5], Level.High, At("2026-08-15"), TrajectoryPolicy.Default);

        Assert.False(trajectory.Stagnant);
        Assert.Equal(At("2026-03-01"), trajectory.CurrentLevelSince);
    }

    [Fact]
    public void PointsOfOtherCompetenciesAndOutOfOrderAreSortedOut()
    {
        var mixed = Held.Reverse().Append(Point("2026-09-15", 90, Level.Advanced, "soc-teamwork")).ToArray();

        var trajectory = Trajectories.Of("ped-design", mixed, Level.High, At("2026-10-01"), TrajectoryPolicy.Default);

        Assert.Equal(Held, trajectory.Points);
        Assert.True(trajectory.Stagnant);
    }

    [Fact]
    public void NoPointsMeansNothingIsKnown()
    {
        var trajectory = Trajectories.Of("ped-design", [], Level.High, At("2026-10-01"), TrajectoryPolicy.Default);

        Assert.Empty(trajectory.Points);
        Assert.Null(trajectory.Current);
        Assert.Null(trajectory.CurrentLevelSince);
        Assert.Null(trajectory.LevelsToTarget);
        Assert.Equal(Trend.Unknown, trajectory.Trend);
        Assert.False(trajectory.Stagnant);
    }

    [Fact]
    public void APolicyOutsideItsRangesIsReported()
    {
        Assert.Empty(TrajectoryPolicy.Default.Problems());
        Assert.Equal(4, new TrajectoryPolicy(0, 0, 0, -1).Problems().Count);
    }
}
