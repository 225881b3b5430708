using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Profiles;

namespace LtiPD.Domain.Tests.Profiles;

public sealed class TeacherProfileTests
{
    [Fact]
    public void CombinesInstrumentsWeightedByAnsweredItems()
    {
        // Self-assessment: communication 50 % on 4 answered items; test: communication 80 % on 2.
        // (50·4 + 80·2) / 6 = 360 / 6 = 60 → High (≥ 60).
        var profile = TeacherProfile.Merge([
            Attempt(Competency("communication", Component.Social, 4, 50)),
            Attempt(Competency("communication", Component.Social, 2, 80)),
        ]);

        var communication = Assert.Single(profile.Competencies);
        Assert.Equal(60, communication.Percent!.Value, 6);
        Assert.Equal(Level.High, communication.Level);
        Assert.Equal(6, communication.Answered);
        Assert.Equal(Evidence.Enough, communication.Evidence);
    }

    [Fact]
    public void AnInstrumentWithoutEnoughEvidenceDoesNotPullTheCompetencyDown()
    {
        var profile = TeacherProfile.Merge([
            Attempt(Competency("teamwork", Component.Social, 4, 70)),
            Attempt(Competency("teamwork", Component.Social, 1, null, Evidence.NotEnough)),
        ]);

        Assert.Equal(70, Assert.Single(profile.Competencies).Percent!.Value, 6);
    }

    [Fact]
    public void ACompetencyNoInstrumentHasEnoughEvidenceForStaysWithoutLevel()
    {
        var profile = TeacherProfile.Merge([Attempt(Competency("design", Component.Pedagogical, 1, null, Evidence.NotEnough))]);

        var design = Assert.Single(profile.Competencies);
        Assert.Null(design.Percent);
        Assert.Null(design.Level);
        Assert.Equal(Evidence.NotEnough, design.Evidence);
        Assert.Empty(profile.CompetencyLevels());
    }

    [Fact]
    public void ComponentsComeFromAllInstrumentsTogether()
    {
        // Social only in the self-assessment, pedagogical only in the test: the profile has both.
        var profile = TeacherProfile.Merge([
            Attempt(Competency("communication", Component.Social, 4, 40)),
            Attempt(Competency("design", Component.Pedagogical, 3, 90)),
        ]);

        Assert.Equal(40, profile.Components.Social!.Value, 6);
        Assert.Equal(90, profile.Components.Pedagogical!.Value, 6);
        Assert.Null(profile.Components.Subject);
    }

    private static CompetencyScore Competency(string code, Component component, int answered, double? percent, Evidence evidence = Evidence.Enough) =>
        new(code, component, answered, 0, answered, percent, percent is { } p ? ScoringPolicy.Default.LevelOf(p) : null, evidence);

    private static AttemptScore Attempt(params CompetencyScore[] competencies) =>
        new("x", 1, [], [], competencies, new LmsGrade(0, 0, true), []);
}
