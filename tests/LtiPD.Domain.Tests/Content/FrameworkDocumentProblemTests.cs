using LtiPD.Domain.Content;

namespace LtiPD.Domain.Tests.Content;

public sealed class FrameworkDocumentProblemTests
{
    private const string Levels = """
        "levels": { "low": {"en": "l"}, "acceptable": {"en": "a"}, "average": {"en": "m"}, "high": {"en": "h"}, "advanced": {"en": "x"} }
        """;

    [Fact]
    public void InvalidJsonIsOneProblemWithItsLine()
    {
        var result = FrameworkDocument.Parse("{ \"format\": ");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.InvalidJson, problem.Code);
        Assert.Null(result.Value);
    }

    [Fact]
    public void AValueOfTheWrongKindIsExplainedInOurWordsNotTheSerializers()
    {
        var problem = Assert.Single(FrameworkDocument.Parse("""{ "format": 42 }""").Problems);

        Assert.Equal(ProblemCodes.InvalidJson, problem.Code);
        Assert.Contains("the value at $.format is not of the kind this format expects", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFileIsReported()
    {
        var result = FrameworkDocument.Parse("  ");

        Assert.Equal(ProblemCodes.EmptyFile, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void MisspeltMemberIsRefusedRatherThanDropped()
    {
        var result = FrameworkDocument.Parse("""{ "format": "ltipd-framework/1", "titel": {"en": "x"} }""");

        Assert.Equal(ProblemCodes.InvalidJson, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void ACaseUriThatIsNotAnHttpAddressIsReportedWithItsPath()
    {
        var json = $$$"""
            {
              "format": "ltipd-framework/1", "code": "f", "version": "1.0", "title": {"en": "F"}, "description": {"en": "d"},
              "competencies": [
                { "code": "a", "component": "social", "name": {"en": "A"}, "description": {"en": "d"}, {{{Levels}}},
                  "indicators": [ {"code": "a-1", "text": {"en": "i"}} ], "caseUri": "javascript:alert(1)" }
              ]
            }
            """;

        var problem = Assert.Single(FrameworkDocument.Parse(json).Problems);

        Assert.Equal(("$.competencies[0].caseUri", ProblemCodes.InvalidValue), (problem.Field, problem.Code));
    }

    [Fact]
    public void EveryMissingFieldUnknownComponentAndMissingLevelIsReportedWithItsPath()
    {
        var json = $$$"""
            {
              "format": "ltipd-framework/1",
              "code": "f",
              "title": {"ru": "только русский"},
              "description": {"en": "d"},
              "competencies": [
                { "code": "a", "component": "social", "name": {"en": "A"}, "description": {"en": "d"},
                  "levels": { "low": {"en": "l"}, "superb": {"en": "s"} },
                  "indicators": [ {"code": "a-1", "text": {"en": "i"}} ] },
                { "code": "b", "component": "emotional", "name": {"en": "B"}, "description": {"en": "d"}, {{{Levels}}},
                  "indicators": [] }
              ]
            }
            """;

        var result = FrameworkDocument.Parse(json);

        Assert.Null(result.Value);
        Assert.Equal(
            [
                ("$.version", ProblemCodes.Required),
                ("$.title.en", ProblemCodes.Required),
                ("$.competencies[0].levels.superb", ProblemCodes.UnknownLevel),
                ("$.competencies[1].component", ProblemCodes.UnknownComponent),
                ("$.competencies[1].indicators", ProblemCodes.Required),
            ],
            result.Problems.Select(p => (p.Field, p.Code)));
    }

    [Fact]
    public void DuplicateCodesMissingLevelsAndBrokenTaskLinksAreReported()
    {
        var json = $$$"""
            {
              "format": "ltipd-framework/1", "code": "f", "version": "1", "title": {"en": "t"}, "description": {"en": "d"},
              "competencies": [
                { "code": "a", "component": "social", "name": {"en": "A"}, "description": {"en": "d"},
                  "levels": { "low": {"en": "l"} }, "indicators": [ {"code": "i", "text": {"en": "i"}} ] },
                { "code": "a", "component": "subject", "name": {"en": "B"}, "description": {"en": "d"}, {{{Levels}}},
                  "indicators": [ {"code": "i", "text": {"en": "i"}} ],
                  "knowledgeElements": [ {"code": "e", "name": {"en": "E"}, "levels": ["high"]} ] }
              ],
              "tasks": [ { "code": "t", "name": {"en": "T"}, "links": [ {"competency": "a", "element": "zz", "level": "high"} ] } ]
            }
            """;

        var result = FrameworkDocument.Parse(json);

        Assert.Null(result.Value);
        Assert.Equal(
            [
                ("$.competencies[0].levels", ProblemCodes.LevelCount),
                ("$.competencies[1].code", ProblemCodes.DuplicateCode),
                ("$.competencies[1].indicators[0].code", ProblemCodes.DuplicateCode),
                ("$.competencies[1].knowledgeElements[0].code", ProblemCodes.ElementWithoutIndicator),
                ("$.tasks[0].links[0].competency", ProblemCodes.UnknownCompetency),
                ("$.tasks[0].links[0].element", ProblemCodes.UnknownElement),
            ],
            result.Problems.Select(p => (p.Field, p.Code)));
    }
}
