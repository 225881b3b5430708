using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Tests.Content;

public sealed class ProgrammeDocumentTests
{
    internal const string Valid = """
        {
          "format": "ltipd-programme/1", "code": "p1", "version": 1, "framework": "ltipd-default",
          "title": { "en": "Programme" }, "description": { "en": "About it" },
          "microObjectives": [ { "code": "mo-1", "text": { "en": "Does a thing" }, "competencies": ["ped-design"] } ],
          "modules": [ {
            "code": "m-1", "kind": "variable", "title": { "en": "Module" }, "summary": { "en": "Short" },
            "microObjectives": ["mo-1"], "forms": ["online", "blended"], "hours": 6,
            "materials": [ { "heading": { "en": "Read" }, "body": { "en": "Text" } } ],
            "diagnostics": {
              "content": { "instrument": "pedagogy-and-subject-test", "passPercent": 60 },
              "activity": { "instrument": "lesson-plan" },
            },
          } ],
        }
        """;

    [Fact]
    public void ParsesAModuleWithItsFormsHoursMaterialsAndDiagnostics()
    {
        var result = ProgrammeDocument.Parse(Valid);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var module = Assert.Single(result.Value!.Modules);
        Assert.Equal(ModuleKind.Variable, module.Kind);
        Assert.Equal([StudyForm.Online, StudyForm.Blended], module.Forms);
        Assert.Equal(6, module.Hours);
        Assert.Equal("Text", Assert.Single(module.Materials).Body.En);
        Assert.Equal(
            [
                new Diagnostic(DiagnosticAspect.Content, "pedagogy-and-subject-test", EvidenceCriterion.PassMark(60)),
                new Diagnostic(DiagnosticAspect.Activity, "lesson-plan", EvidenceCriterion.ReviewedAtLeast(Level.Acceptable)),
            ],
            module.Diagnostics);
    }

    [Fact]
    public void RefusesAnUnknownMemberSuchAsAMisspeltLanguage()
    {
        var result = ProgrammeDocument.Parse(Valid.Replace("{ \"en\": \"Short\" }", "{ \"en\": \"Short\", \"kz\": \"Қысқа\" }", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.InvalidJson, problem.Code);
        Assert.Contains("kz", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsEveryMissingOrWrongMemberWithItsPath()
    {
        var result = ProgrammeDocument.Parse(Valid
            .Replace("\"kind\": \"variable\"", "\"kind\": \"optional\"", StringComparison.Ordinal)
            .Replace("\"forms\": [\"online\", \"blended\"]", "\"forms\": [\"evening\"]", StringComparison.Ordinal)
            .Replace("\"hours\": 6,", "", StringComparison.Ordinal));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p is { Field: "$.modules[0].kind", Code: ProblemCodes.UnknownKind });
        Assert.Contains(result.Problems, p => p is { Field: "$.modules[0].forms[0]", Code: ProblemCodes.InvalidValue });
        Assert.Contains(result.Problems, p => p is { Field: "$.modules[0].hours", Code: ProblemCodes.Required });
    }

    [Fact]
    public void RefusesAModuleThatDevelopsAMicroObjectiveTheProgrammeDoesNotHave()
    {
        var result = ProgrammeDocument.Parse(Valid.Replace("\"microObjectives\": [\"mo-1\"]", "\"microObjectives\": [\"mo-9\"]", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("$.modules[0].microObjectives[0]", ProblemCodes.UnknownMicroObjective), (problem.Field, problem.Code));
    }

    [Theory]
    [InlineData("\"passPercent\": 60", "\"passPercent\": 0")]
    [InlineData("\"passPercent\": 60", "\"passPercent\": 101")]
    [InlineData("\"passPercent\": 60", "\"note\": 1")]
    public void RefusesAContentTestWithoutAPassThresholdBetweenZeroAndAHundred(string from, string to)
    {
        var result = ProgrammeDocument.Parse(Valid.Replace(from, to, StringComparison.Ordinal));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void RefusesAPassThresholdOnAPracticalTaskWhichIsJudgedByItsReview()
    {
        var result = ProgrammeDocument.Parse(Valid.Replace("{ \"instrument\": \"lesson-plan\" }", "{ \"instrument\": \"lesson-plan\", \"passPercent\": 50 }", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("$.modules[0].diagnostics.activity.passPercent", ProblemCodes.InvalidValue), (problem.Field, problem.Code));
    }

    [Fact]
    public void ReadsEachAspectsCriterionAndTheSharedFlag()
    {
        var result = ProgrammeDocument.Parse(Valid
            .Replace("{ \"instrument\": \"lesson-plan\" }", "{ \"instrument\": \"lesson-plan\", \"reviewedAtLeast\": \"high\", \"shared\": true }", StringComparison.Ordinal)
            .Replace("\"activity\"", "\"communicative\": { \"instrument\": \"social-self-assessment\", \"answeredInFull\": true },\n\"activity\"", StringComparison.Ordinal));

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(
            [
                new Diagnostic(DiagnosticAspect.Content, "pedagogy-and-subject-test", EvidenceCriterion.PassMark(60)),
                new Diagnostic(DiagnosticAspect.Activity, "lesson-plan", EvidenceCriterion.ReviewedAtLeast(Level.High), Shared: true),
                new Diagnostic(DiagnosticAspect.Communicative, "social-self-assessment", EvidenceCriterion.AnsweredInFull),
            ],
            result.Value!.Modules[0].Diagnostics);
    }

    [Theory]
    [InlineData("{ \"instrument\": \"lesson-plan\" }", "{ \"instrument\": \"lesson-plan\", \"reviewedAtLeast\": \"excellent\" }", "$.modules[0].diagnostics.activity.reviewedAtLeast")]
    [InlineData("\"passPercent\": 60", "\"passPercent\": 60, \"reviewedAtLeast\": \"high\"", "$.modules[0].diagnostics.content.reviewedAtLeast")]
    [InlineData("{ \"instrument\": \"lesson-plan\" }", "{ \"instrument\": \"lesson-plan\", \"answeredInFull\": true }", "$.modules[0].diagnostics.activity.answeredInFull")]
    public void RefusesACriterionThatIsNotOneOfItsAspectOrNotALevel(string from, string to, string field)
    {
        var result = ProgrammeDocument.Parse(Valid.Replace(from, to, StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(field, problem.Field);
    }

    [Fact]
    public void RefusesASelfAnalysisThatIsNotToBeAnsweredInFull()
    {
        var result = ProgrammeDocument.Parse(Valid.Replace(
            "\"activity\"", "\"communicative\": { \"instrument\": \"social-self-assessment\", \"answeredInFull\": false },\n\"activity\"", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("$.modules[0].diagnostics.communicative.answeredInFull", ProblemCodes.InvalidValue), (problem.Field, problem.Code));
    }

    [Fact]
    public void RefusesAModuleWithoutDiagnostics()
    {
        var start = Valid.IndexOf("\"diagnostics\"", StringComparison.Ordinal);
        var end = Valid.IndexOf("} ],", start, StringComparison.Ordinal);
        var result = ProgrammeDocument.Parse(Valid[..start] + "\"diagnostics\": {}\n" + Valid[end..]);

        Assert.Contains(result.Problems, p => p is { Field: "$.modules[0].diagnostics", Code: ProblemCodes.Required });
    }

    [Fact]
    public void AgainstTheFrameworkRefusesUnknownCompetenciesUnknownInstrumentsAndInstrumentsOfTheWrongKind()
    {
        var framework = ShippedContent.DefaultFramework();
        var instruments = ShippedContent.InstrumentFiles.Select(ShippedContent.Instrument).ToList();
        var programme = ProgrammeDocument.Parse(Valid
            .Replace("[\"ped-design\"]", "[\"ped-juggling\"]", StringComparison.Ordinal)
            .Replace("\"pedagogy-and-subject-test\"", "\"no-such-test\"", StringComparison.Ordinal)
            .Replace("\"lesson-plan\"", "\"social-self-assessment\"", StringComparison.Ordinal)).Value!;

        var problems = ProgrammeValidator.Validate(programme, framework, instruments);

        Assert.Contains(problems, p => p is { Field: "$.microObjectives[0].competencies[0]", Code: ProblemCodes.UnknownCompetency });
        Assert.Contains(problems, p => p is { Field: "$.modules[0].diagnostics.content.instrument", Code: ProblemCodes.UnknownInstrument });
        var kind = Assert.Single(problems, p => p.Field == "$.modules[0].diagnostics.activity.instrument");
        Assert.Equal(ProblemCodes.KindMismatch, kind.Code);
        Assert.Contains("practicalTask", kind.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModuleBelongsToTheComponentsOfTheCompetenciesOfItsMicroObjectives()
    {
        var framework = ShippedContent.DefaultFramework();
        var programme = ProgrammeDocument.Parse(Valid.Replace("[\"ped-design\"]", "[\"ped-design\", \"soc-reflection\", \"ped-feedback\"]", StringComparison.Ordinal)).Value!;

        Assert.Equal([Component.Social, Component.Pedagogical], programme.ComponentsOf(programme.Modules[0], framework));
    }

    [Fact]
    public void EmptyFileIsOneProblem()
    {
        Assert.Equal(ProblemCodes.EmptyFile, Assert.Single(ProgrammeDocument.Parse("  ").Problems).Code);
    }
}
