using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Profiles;

namespace LtiPD.Domain.Tests.Profiles;

public sealed class ComponentScoresTests
{
    [Fact]
    public void ComponentScoreIsTheMeanOfItsCompetenciesWithEnoughEvidence()
    {
        var scores = ComponentScores.From([
            Enough("comm", Component.Social, 70),
            Enough("empathy", Component.Social, 50),
            NotEnough("leadership", Component.Social),
            Enough("algebra", Component.Subject, 90),
        ]);
        // Social: (70 + 50) / 2 = 60 (leadership has no evidence and does not pull it down); Subject: 90.
        Assert.Equal(new ComponentScores(60, 90, null), scores);
    }

    [Fact]
    public void ComponentWithoutEvidenceIsUnknownNotZero()
    {
        var scores = ComponentScores.From([NotEnough("methods", Component.Pedagogical)]);
        Assert.Null(scores.Pedagogical);
        Assert.Null(scores.Of(Component.Pedagogical));
    }

    internal static CompetencyScore Enough(string code, Component component, double percent) =>
        new(code, component, 5, 0, 5, percent, ScoringPolicy.Default.LevelOf(percent), Evidence.Enough);

    internal static CompetencyScore NotEnough(string code, Component component) =>
        new(code, component, 1, 0, 5, null, null, Evidence.NotEnough);
}
