using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Development;
using LtiPD.Domain.Tests.Content;

namespace LtiPD.Domain.Tests.Development;

public sealed class TargetProfileDocumentTests
{
    private const string Valid = """
        {
          "format": "ltipd-targets/1",
          "programme": "teaching-programming",
          "profiles": [
            { "stage": "earlyCareer", "targets": { "ped-design": "average", "sub-programming": "high" } },
            { "stage": "earlyCareer", "training": "basicTraining", "targets": { "ped-design": "acceptable" } },
            { "stage": "establishing", "targets": { "ped-design": "high" } },
            { "stage": "midCareer", "targets": { "ped-design": "high" } },
            { "stage": "laterCareer", "targets": { "ped-design": "advanced" } },
          ],
        }
        """;

    private static IReadOnlyList<ContentProblem> AgainstShipped(TargetProfileSet set) =>
        TargetProfileValidator.Validate(set, ShippedContent.Programme(Path.Combine(ShippedContent.Folder, "programmes", "teaching-programming.json")), ShippedContent.DefaultFramework());

    [Fact]
    public void ParsesProfilesPerStageAndTrainingStage()
    {
        var result = TargetProfileDocument.Parse(Valid);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var set = result.Value!;
        Assert.Equal(5, set.Profiles.Count);
        Assert.Equal(Level.Acceptable, set.For("teaching-programming", CareerStage.EarlyCareer, TrainingStage.BasicTraining)!.Targets["ped-design"]);
        Assert.Equal(Level.High, set.For("teaching-programming", CareerStage.EarlyCareer, TrainingStage.Retraining)!.Targets["sub-programming"]);
        Assert.Empty(AgainstShipped(set));
    }

    [Fact]
    public void TheShippedProfilesAreValidForTheShippedProgrammeAndRoundTrip()
    {
        var json = ShippedContent.TargetsJson();
        var set = ShippedContent.Targets();

        Assert.Empty(AgainstShipped(set));
        Assert.Equal(json, TargetProfileDocument.Write(set));
    }

    [Fact]
    public void ExportThenImportGivesTheSameProfiles()
    {
        var set = TargetProfileDocument.Parse(Valid).Value!;

        var again = TargetProfileDocument.Parse(TargetProfileDocument.Write(set)).Value!;

        Assert.Equal(set.Profiles.Count, again.Profiles.Count);
        foreach (var profile in set.Profiles)
        {
            var twin = Assert.Single(again.Profiles, p => p.Stage == profile.Stage && p.Training == profile.Training);
            Assert.Equal(profile.ProgrammeCode, twin.ProgrammeCode);
            Assert.Equal(profile.Targets.OrderBy(t => t.Key, StringComparer.Ordinal), twin.Targets.OrderBy(t => t.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void RefusesAnUnknownMember()
    {
        var result = TargetProfileDocument.Parse(Valid.Replace("\"stage\": \"midCareer\",", "\"stage\": \"midCareer\", \"stages\": 1,", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.InvalidJson, problem.Code);
        Assert.Contains("stages", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsEveryWrongValueWithItsPath()
    {
        var result = TargetProfileDocument.Parse(Valid
            .Replace("ltipd-targets/1", "ltipd-targets/2", StringComparison.Ordinal)
            .Replace("\"stage\": \"establishing\"", "\"stage\": \"novice\"", StringComparison.Ordinal)
            .Replace("\"training\": \"basicTraining\"", "\"training\": \"phd\"", StringComparison.Ordinal)
            .Replace("\"ped-design\": \"advanced\"", "\"ped-design\": \"expert\"", StringComparison.Ordinal)
            .Replace("{ \"ped-design\": \"high\" } },\n    { \"stage\": \"laterCareer\"", "{ } },\n    { \"stage\": \"laterCareer\"", StringComparison.Ordinal));

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                ("$.format", ProblemCodes.UnsupportedFormat),
                ("$.profiles[1].training", ProblemCodes.InvalidValue),
                ("$.profiles[2].stage", ProblemCodes.InvalidValue),
                ("$.profiles[3].targets", ProblemCodes.Required),
                ("$.profiles[4].targets['ped-design']", ProblemCodes.UnknownLevel),
            ],
            result.Problems.Select(p => (p.Field, p.Code)));
    }

    [Fact]
    public void ReportsTwoProfilesForTheSameStageAndTraining()
    {
        var result = TargetProfileDocument.Parse(Valid.Replace("\"stage\": \"establishing\"", "\"stage\": \"earlyCareer\"", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("$.profiles[2].stage", ProblemCodes.DuplicateCode), (problem.Field, problem.Code));
    }

    [Fact]
    public void AgainstTheProgrammeReportsAnUnknownCompetencyAnotherProgrammeAndAMissingStage()
    {
        var set = TargetProfileDocument.Parse(Valid
            .Replace("\"teaching-programming\"", "\"teaching-chemistry\"", StringComparison.Ordinal)
            .Replace("\"sub-programming\"", "\"sub-chemistry\"", StringComparison.Ordinal)
            .Replace("\"stage\": \"midCareer\"", "\"stage\": \"midCareer\", \"training\": \"retraining\"", StringComparison.Ordinal)).Value!;

        var problems = AgainstShipped(set);

        Assert.Equal(
            [
                ("$.programme", ProblemCodes.WrongProgramme),
                ("$.profiles[0].targets['sub-chemistry']", ProblemCodes.UnknownCompetency),
                ("$.profiles", ProblemCodes.StageMissing),
            ],
            problems.Select(p => (p.Field, p.Code)));
        Assert.Contains("\"midCareer\"", problems[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AgainstAProgrammeOfAnotherFrameworkReportsTheFramework()
    {
        var set = TargetProfileDocument.Parse(Valid).Value!;
        var programme = ShippedContent.Programme(Path.Combine(ShippedContent.Folder, "programmes", "teaching-programming.json"));

        var problems = TargetProfileValidator.Validate(set, programme with { FrameworkCode = "other" }, ShippedContent.DefaultFramework());

        Assert.Equal(ProblemCodes.WrongFramework, Assert.Single(problems).Code);
    }

    [Fact]
    public void AnEmptyFileAndAnEmptyProfileListAreReported()
    {
        Assert.Equal(ProblemCodes.EmptyFile, Assert.Single(TargetProfileDocument.Parse(" ").Problems).Code);
        var problem = Assert.Single(TargetProfileDocument.Parse("""{ "format": "ltipd-targets/1", "programme": "p", "profiles": [] }""").Problems);
        Assert.Equal(("$.profiles", ProblemCodes.Required), (problem.Field, problem.Code));
    }
}
