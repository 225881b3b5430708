using LtiPD.Domain.Competencies;
using LtiPD.Domain.Competencies.Interchange;
using LtiPD.Domain.Content;
using LtiPD.Domain.Tests.Content;

namespace LtiPD.Domain.Tests.Competencies.Interchange;

public sealed class CaseFrameworkTests
{
    private static readonly DateTimeOffset Stamp = new(2025, 1, 15, 9, 30, 0, TimeSpan.Zero);

    private static CaseExportOptions Options(string language) => new(language, new Uri("https://pd.example.edu/case/"), Stamp);

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("kk")]
    public void ExportThenImportGivesTheSameFrameworkInThatLanguage(string language)
    {
        var framework = ShippedContent.DefaultFramework();

        var imported = CaseFramework.Import(CaseFramework.Export(framework, Options(language)));

        Assert.True(imported.Succeeded, string.Join(Environment.NewLine, imported.Problems));
        // What the import adds is each competency's CFItem URI, here the export's own.
        var expected = Projection.OneLanguage(framework, language) is var projected ? projected with
        {
            Competencies = projected.Competencies.Select(c => c with
            {
                CaseUri = new Uri($"https://pd.example.edu/case/uri/{DeterministicUuid.Create(DeterministicUuid.LtiPdNamespace, $"{framework.Code}/competency/{c.Code}")}"),
            }).ToList(),
        } : null;
        Assert.Equal(FrameworkDocument.Write(expected!), FrameworkDocument.Write(imported.Value!));
    }

    [Fact]
    public void AnImportedCompetencyKeepsItsCfItemUriThroughTheStoredDocument()
    {
        var package = MinimalPackage(levels: 5)
            .Replace("\"CFItemType\": \"Competency\"", "\"CFItemType\": \"Competency\", \"uri\": \"https://case.example.org/uri/comp-1\"", StringComparison.Ordinal);

        var imported = CaseFramework.Import(package).Value!;
        var stored = FrameworkDocument.Parse(FrameworkDocument.Write(imported));

        Assert.Equal(new Uri("https://case.example.org/uri/comp-1"), Assert.Single(imported.Competencies).CaseUri);
        Assert.True(stored.Succeeded, string.Join(Environment.NewLine, stored.Problems));
        Assert.Equal(new Uri("https://case.example.org/uri/comp-1"), Assert.Single(stored.Value!.Competencies).CaseUri);
    }

    [Theory]
    [InlineData("urn:x:comp-1")]
    [InlineData("comp-1")]
    [InlineData(null)]
    public void ACfItemUriThatIsNotAnHttpAddressIsNotKept(string? uri)
    {
        var package = uri is null ? MinimalPackage(levels: 5)
            : MinimalPackage(levels: 5).Replace("\"CFItemType\": \"Competency\"", $"\"CFItemType\": \"Competency\", \"uri\": \"{uri}\"", StringComparison.Ordinal);

        Assert.Null(Assert.Single(CaseFramework.Import(package).Value!.Competencies).CaseUri);
    }

    [Fact]
    public void APackageWithoutTheOptionalDescriptionsImportsAFrameworkThatReadsBackFromItsStoredDocument()
    {
        var package = MinimalPackage(levels: 5).Replace(", \"notes\": \"Описание\"", "", StringComparison.Ordinal);

        var imported = CaseFramework.Import(package).Value!;
        var stored = FrameworkDocument.Parse(FrameworkDocument.Write(imported));

        Assert.True(stored.Succeeded, string.Join(Environment.NewLine, stored.Problems));
        Assert.Equal("Рамка", stored.Value!.Description.For("ru"));
        Assert.Equal("Обратная связь", Assert.Single(stored.Value.Competencies).Description.For("ru"));
    }

    [Fact]
    public void ExportingTwiceGivesIdenticalBytes()
    {
        var framework = ShippedContent.DefaultFramework();

        Assert.Equal(CaseFramework.Export(framework, Options("ru")), CaseFramework.Export(framework, Options("ru")));
    }

    [Fact]
    public void IdentifiersAreVersion5UuidsDerivedFromCodes()
    {
        var id = DeterministicUuid.Create(DeterministicUuid.LtiPdNamespace, "ltipd-default/competency/soc-communication");

        Assert.Equal(id, DeterministicUuid.Create(DeterministicUuid.LtiPdNamespace, "ltipd-default/competency/soc-communication"));
        Assert.Equal('5', id.ToString()[14]);
        Assert.Contains($"\"identifier\": \"{id}\"", CaseFramework.Export(ShippedContent.DefaultFramework(), Options("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void KnownRfcExampleUuid5IsReproduced()
    {
        // RFC 9562 appendix A.4: DNS namespace, name "www.example.com".
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), DeterministicUuid.Create(dns, "www.example.com"));
    }

    [Fact]
    public void HandWrittenMinimalPackageImportsIntoTheNamedLanguage()
    {
        var result = CaseFramework.Import(MinimalPackage(levels: 5));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        var framework = result.Value!;
        Assert.Equal("doc-1", framework.Code);
        Assert.Equal("Рамка", framework.Title.Ru);
        Assert.Equal("Рамка", framework.Title.En);
        var competency = Assert.Single(framework.Competencies);
        Assert.Equal(Component.Pedagogical, competency.Component);
        Assert.Equal("Обратная связь", competency.Name.For("ru"));
        Assert.Equal("Уровень 5", competency.LevelDescriptors[Level.Advanced].Ru);
        Assert.Equal("fb-1", Assert.Single(competency.Indicators).Code);
    }

    [Fact]
    public void PackageWithWrongLevelCountUnknownParentAndUnknownComponentReportsEachAndReturnsNothing()
    {
        var json = MinimalPackage(levels: 4)
            .Replace("\"humanCodingScheme\": \"pedagogical\"", "\"humanCodingScheme\": \"emotional\"", StringComparison.Ordinal)
            .Replace("\"identifier\": \"comp-1\" }, \"destinationNodeURI\"", "\"identifier\": \"comp-1\" }, \"destinationNodeURI\": { \"identifier\": \"nowhere\" }, \"x\"", StringComparison.Ordinal);

        var result = CaseFramework.Import(json);

        Assert.Null(result.Value);
        Assert.Equal(
            [
                ("$.CFAssociations[2].destinationNodeURI", ProblemCodes.UnknownParent),
                ("$.CFItems[0].humanCodingScheme", ProblemCodes.UnknownComponent),
                ("$.CFItems[1]", ProblemCodes.WrongParent),
                ("$.CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels", ProblemCodes.LevelCount),
                ("$.CFItems[1]", ProblemCodes.LevelCount),
            ],
            result.Problems.Select(p => (p.Field, p.Code)));
    }

    [Fact]
    public void CycleAndDuplicateIdentifierAreReported()
    {
        var json = """
            { "CFDocument": { "identifier": "d", "title": "T" },
              "CFItems": [
                { "identifier": "a", "fullStatement": "A", "humanCodingScheme": "a", "CFItemType": "Competency" },
                { "identifier": "b", "fullStatement": "B", "humanCodingScheme": "b", "CFItemType": "Competency" },
                { "identifier": "b", "fullStatement": "B2", "humanCodingScheme": "b2", "CFItemType": "Competency" } ],
              "CFAssociations": [
                { "associationType": "isChildOf", "originNodeURI": { "identifier": "a" }, "destinationNodeURI": { "identifier": "b" } },
                { "associationType": "isChildOf", "originNodeURI": { "identifier": "b" }, "destinationNodeURI": { "identifier": "a" } } ] }
            """;

        var result = CaseFramework.Import(json);

        Assert.Null(result.Value);
        Assert.Contains(result.Problems, p => p is { Field: "$.CFItems[2].identifier", Code: ProblemCodes.DuplicateCode });
        Assert.Contains(result.Problems, p => p is { Field: "$.CFAssociations[0]", Code: ProblemCodes.Cycle });
        Assert.Contains(result.Problems, p => p is { Field: "$.CFAssociations[1]", Code: ProblemCodes.Cycle });
    }

    [Theory]
    [InlineData("", ProblemCodes.EmptyFile)]
    [InlineData("{ \"CFDocument\": ", ProblemCodes.InvalidJson)]
    [InlineData("{ \"CFItems\": [] }", ProblemCodes.Required)]
    public void UnreadableFilesGiveOneProblemAndNoFramework(string json, string code)
    {
        var result = CaseFramework.Import(json);

        Assert.Null(result.Value);
        Assert.Equal(code, Assert.Single(result.Problems).Code);
    }

    private static string MinimalPackage(int levels)
    {
        var levelJson = string.Join(",", Enumerable.Range(1, levels).Select(n => $$"""{ "identifier": "l{{n}}", "score": {{n}}, "description": "Уровень {{n}}" }"""));
        return $$"""
            {
              "CFDocument": { "identifier": "doc-1", "uri": "https://x/doc-1", "creator": "Hand", "title": "Рамка", "lastChangeDateTime": "2025-01-01T00:00:00Z", "language": "ru" },
              "CFItems": [
                { "identifier": "cmp", "fullStatement": "Педагогическая", "humanCodingScheme": "pedagogical", "CFItemType": "Component" },
                { "identifier": "comp-1", "fullStatement": "Обратная связь", "humanCodingScheme": "fb", "CFItemType": "Competency", "notes": "Описание" },
                { "identifier": "ind-1", "fullStatement": "Даёт обратную связь вовремя", "humanCodingScheme": "fb-1", "CFItemType": "Indicator" }
              ],
              "CFAssociations": [
                { "associationType": "isChildOf", "originNodeURI": { "identifier": "cmp" }, "destinationNodeURI": { "identifier": "doc-1" } },
                { "associationType": "isChildOf", "originNodeURI": { "identifier": "ind-1" }, "destinationNodeURI": { "identifier": "comp-1" } },
                { "associationType": "isChildOf", "originNodeURI": { "identifier": "comp-1" }, "destinationNodeURI": { "identifier": "cmp" } }
              ],
              "CFRubrics": [ { "identifier": "r", "CFRubricCriteria": [ { "identifier": "c", "CFItemURI": { "identifier": "comp-1" }, "CFRubricCriterionLevels": [ {{levelJson}} ] } ] } ]
            }
            """;
    }
}
