using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Tests.Assessment;

public sealed class ScoringPolicyTests
{
    [Fact]
    public void DefaultPolicyIsValid() => Assert.Empty(ScoringPolicy.Default.Validate());

    [Theory]
    [InlineData(0.0, Level.Low)]
    [InlineData(19.99, Level.Low)]
    [InlineData(20.0, Level.Acceptable)]
    [InlineData(39.99, Level.Acceptable)]
    [InlineData(40.0, Level.Average)]
    [InlineData(60.0, Level.High)]
    [InlineData(79.99, Level.High)]
    [InlineData(80.0, Level.Advanced)]
    [InlineData(100.0, Level.Advanced)]
    public void ThresholdsAreLowerBounds(double percent, Level expected) =>
        Assert.Equal(expected, ScoringPolicy.Default.LevelOf(percent));

    [Fact]
    public void PercentThatFloatingPointPutsJustBelowAThresholdStillReachesIt()
    {
        // 0.1 + 0.1 + 0.1 … is not exact: (0.7 − 0.5) × 100 = 19.999999999999996, meant as 20.
        var percent = (0.7 - 0.5) * 100;
        Assert.True(percent < 20);
        Assert.Equal(Level.Acceptable, ScoringPolicy.Default.LevelOf(percent));
    }

    [Theory]
    [InlineData(29.0, Level.Low)]
    [InlineData(30.0, Level.Acceptable)]
    [InlineData(50.0, Level.Average)]
    [InlineData(70.0, Level.High)]
    [InlineData(89.0, Level.High)]
    [InlineData(90.0, Level.Advanced)]
    public void CustomThresholdsAreUsed(double percent, Level expected)
    {
        var policy = new ScoringPolicy(AcceptableFrom: 30, AverageFrom: 50, HighFrom: 70, AdvancedFrom: 90);
        Assert.Empty(policy.Validate());
        Assert.Equal(expected, policy.LevelOf(percent));
    }

    [Fact]
    public void ThresholdsThatDoNotRiseAreRefusedNamingTheSetting()
    {
        var problems = new ScoringPolicy(AverageFrom: 60, HighFrom: 60).Validate();
        var problem = Assert.Single(problems);
        Assert.Equal(nameof(ScoringPolicy.HighFrom), problem.Setting);
        Assert.Contains("AverageFrom", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThresholdOutsideTheScaleIsRefused()
    {
        var problems = new ScoringPolicy(AdvancedFrom: 120).Validate();
        Assert.Contains(problems, p => p.Setting == nameof(ScoringPolicy.AdvancedFrom) && p.Message.Contains("0–100", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void AnsweredShareOutsideZeroToOneIsRefused(double share)
    {
        var problem = Assert.Single(new ScoringPolicy(MinAnsweredShare: share).Validate());
        Assert.Equal(nameof(ScoringPolicy.MinAnsweredShare), problem.Setting);
    }

    [Fact]
    public void NegativeDistortionMarginIsRefused()
    {
        var problem = Assert.Single(new ScoringPolicy(DistortionMargin: -1).Validate());
        Assert.Equal(nameof(ScoringPolicy.DistortionMargin), problem.Setting);
    }

    [Theory]
    [InlineData(3, 5, true)]   // 3 / 5 = 0.6 ≥ 0.6
    [InlineData(2, 5, false)]  // 2 / 5 = 0.4
    [InlineData(0, 0, false)]  // nothing to measure with
    public void EvidenceNeedsTheMinimumShareOfItems(int answered, int items, bool enough) =>
        Assert.Equal(enough, ScoringPolicy.Default.IsEnough(answered, items));
}
