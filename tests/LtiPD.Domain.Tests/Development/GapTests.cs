using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;

namespace LtiPD.Domain.Tests.Development;

public sealed class GapTests
{
    [Fact]
    public void AGapIsTheLevelsStillToClimbAndAnUnmeasuredCompetencyCountsFromLow()
    {
        var target = new TargetProfile("p", CareerStage.MidCareer, null, new Dictionary<string, Level>
        {
            ["b"] = Level.High,
            ["a"] = Level.Average,
            ["c"] = Level.Advanced,
        });

        var gaps = Gaps.Of(target, new Dictionary<string, Level> { ["a"] = Level.High, ["b"] = Level.Acceptable });

        Assert.Equal(
            [
                new CompetencyGap("a", Level.High, Level.Average, 0),
                new CompetencyGap("b", Level.Acceptable, Level.High, 2),
                new CompetencyGap("c", null, Level.Advanced, 4),
            ],
            gaps);
        Assert.False(gaps[2].Measured);
    }

    [Fact]
    public void TheProfileForTheExactTrainingStageIsChosenBeforeTheStagesGeneralOne()
    {
        var general = new TargetProfile("p", CareerStage.MidCareer, null, new Dictionary<string, Level> { ["a"] = Level.High });
        var retraining = new TargetProfile("p", CareerStage.MidCareer, TrainingStage.Retraining, new Dictionary<string, Level> { ["a"] = Level.Average });
        var set = new TargetProfileSet([retraining, general]);

        Assert.Same(retraining, set.For("p", CareerStage.MidCareer, TrainingStage.Retraining));
        Assert.Same(general, set.For("p", CareerStage.MidCareer, TrainingStage.ProfessionalDevelopment));
        Assert.Null(set.For("p", CareerStage.LaterCareer, TrainingStage.Retraining));
        Assert.Null(set.For("other", CareerStage.MidCareer, TrainingStage.Retraining));
    }
}
