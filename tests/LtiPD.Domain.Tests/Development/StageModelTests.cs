using LtiPD.Domain.Development;

namespace LtiPD.Domain.Tests.Development;

public sealed class StageModelTests
{
    [Theory]
    [InlineData(0, CareerStage.EarlyCareer)]
    [InlineData(3, CareerStage.EarlyCareer)]
    [InlineData(4, CareerStage.Establishing)]
    [InlineData(6, CareerStage.Establishing)]
    [InlineData(7, CareerStage.MidCareer)]
    [InlineData(18, CareerStage.MidCareer)]
    [InlineData(19, CareerStage.LaterCareer)]
    [InlineData(45, CareerStage.LaterCareer)]
    public void TheDefaultModelPlacesYearsOfTeachingAtTheBoundariesOfHubermanAndDay(int years, CareerStage expected)
    {
        Assert.Equal(expected, StageModel.Default.StageOf(years));
    }

    [Fact]
    public void TheDefaultModelHasNoProblems()
    {
        Assert.Empty(StageModel.Problems(StageModel.Default.Bands));
    }

    [Fact]
    public void NegativeYearsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StageModel.Default.StageOf(-1));
    }

    [Fact]
    public void ATeachersSituationChoosesTheStageByTheModel()
    {
        var situation = new TeacherSituation(5, "Senior lecturer", TrainingStage.ProfessionalDevelopment, null, 4);

        Assert.Equal(CareerStage.Establishing, situation.Stage(StageModel.Default));
        Assert.Equal(new RoutePreferences(null, 4), situation.Preferences);
    }

    [Fact]
    public void BandsWithAGapAnOverlapALateStartAndAClosedEndAreEachReported()
    {
        var problems = StageModel.Problems(
        [
            new StageBand(CareerStage.EarlyCareer, 1, 3),
            new StageBand(CareerStage.Establishing, 5, 6),
            new StageBand(CareerStage.MidCareer, 6, 18),
            new StageBand(CareerStage.LaterCareer, 19, 40),
        ]);

        Assert.Equal(4, problems.Count);
        Assert.Contains("must start at 0", problems[0], StringComparison.Ordinal);
        Assert.Contains("gap", problems[1], StringComparison.Ordinal);
        Assert.Contains("inside the band before it", problems[2], StringComparison.Ordinal);
        Assert.Contains("must be open-ended", problems[3], StringComparison.Ordinal);
    }

    [Fact]
    public void AnOpenBandBeforeTheLastARepeatedStageAndNoBandsAreReported()
    {
        Assert.Single(StageModel.Problems([]));
        var problems = StageModel.Problems(
        [
            new StageBand(CareerStage.EarlyCareer, 0, null),
            new StageBand(CareerStage.EarlyCareer, 4, null),
        ]);

        Assert.Contains(problems, p => p.Contains("not the last band", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("repeats a stage", StringComparison.Ordinal));
    }

    [Fact]
    public void AnInvalidModelRefusesToPlaceYearsItDoesNotCover()
    {
        var model = new StageModel([new StageBand(CareerStage.EarlyCareer, 0, 3)]);

        var error = Assert.Throws<InvalidOperationException>(() => model.StageOf(10));
        Assert.Contains("open-ended", error.Message, StringComparison.Ordinal);
    }
}
