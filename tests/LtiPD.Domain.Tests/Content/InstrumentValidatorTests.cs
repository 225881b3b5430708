using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;

namespace LtiPD.Domain.Tests.Content;

public sealed class InstrumentValidatorTests
{
    private static readonly LocalizedText Text = new("t");

    [Fact]
    public void ItemsMappedToMissingCompetenciesOrForeignIndicatorsAreReported()
    {
        var framework = ShippedContent.DefaultFramework();
        var instrument = new Instrument("x", 1, InstrumentKind.LikertSelfAssessment, "ltipd-default", Text, Text,
        [
            new Item("a", "soc-nothing", "soc-nothing-1", ItemKind.Likert, Text, false, [], null),
            new Item("b", "soc-communication", "soc-leadership-1", ItemKind.Likert, Text, false, [], null),
        ]);

        var problems = InstrumentValidator.Validate(instrument, framework);

        Assert.Equal(
            [("$.items[0].competency", ProblemCodes.UnknownCompetency), ("$.items[1].indicator", ProblemCodes.UnknownIndicator)],
            problems.Select(p => (p.Field, p.Code)));
    }

    [Fact]
    public void ItemShapesAreCheckedForTheirKind()
    {
        var option = new ItemOption("o", Text, 1);
        var instrument = new Instrument("x", 1, InstrumentKind.KnowledgeTest, "ltipd-default", Text, Text,
        [
            new Item("likert", "c", "i", ItemKind.Likert, Text, false, [option], null),
            new Item("single", "c", "i", ItemKind.SingleChoice, Text, false, [option, option with { Score = 0 }], new Rubric([])),
            new Item("rubric", "c", "i", ItemKind.RubricTask, Text, true, [], null),
        ]);

        var problems = InstrumentValidator.Validate(instrument);

        Assert.Equal(
            [
                ("$.items[0].kind", ProblemCodes.KindMismatch),
                ("$.items[0].options", ProblemCodes.OptionsNotAllowed),
                ("$.items[1].options[1].code", ProblemCodes.DuplicateCode),
                ("$.items[1].rubric", ProblemCodes.RubricNotAllowed),
                ("$.items[2].kind", ProblemCodes.KindMismatch),
                ("$.items[2].reverseKeyed", ProblemCodes.ReverseKeyNotAllowed),
                ("$.items[2].rubric", ProblemCodes.RubricMissing),
            ],
            problems.Select(p => (p.Field, p.Code)));
    }

    [Fact]
    public void ParsingAnInstrumentWithAnUnknownKindReportsItAndReturnsNothing()
    {
        var json = """
            { "format": "ltipd-instrument/1", "code": "x", "version": 1, "kind": "essay", "framework": "f",
              "title": {"en": "t"}, "introduction": {"en": "i"},
              "items": [ { "code": "a", "competency": "c", "indicator": "i", "kind": "likert", "text": {"en": "s"} } ] }
            """;

        var result = InstrumentDocument.Parse(json);

        Assert.Null(result.Value);
        Assert.Equal(("$.kind", ProblemCodes.UnknownKind), Assert.Single(result.Problems.Select(p => (p.Field, p.Code))));
    }
}
