using System.Globalization;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Web.Features.Assessments;

namespace LtiPD.Benchmarks;

/// <summary>
/// Issue 11's institution measures 40 competencies; the shipped framework has 13. This is a synthetic framework
/// <c>bench-40</c> of 40 competencies (14 social, 13 pedagogical, 13 subject; one indicator each, English texts only) and four
/// Likert self-assessments <c>bench-40-a</c> … <c>bench-40-d</c> of ten items each, one item per competency, together covering all
/// 40. They are checked as shipped content is (document round trip, <see cref="FrameworkValidator"/>,
/// <see cref="InstrumentValidator"/>, <see cref="ScoringPlan.Check"/>) and stored as framework and instrument documents, so the
/// assessment catalog scores them like any other.
/// </summary>
public static class SyntheticFramework
{
    public const string Code = "bench-40";
    public const int Competencies = 40;
    public const int ItemsPerInstrument = 10;

    public static IReadOnlyList<string> InstrumentCodes { get; } =
        Enumerable.Range(0, Competencies / ItemsPerInstrument).Select(i => $"{Code}-{(char)('a' + i)}").ToList();

    /// <summary>Stores the framework and the four instruments; answers the instruments as the catalog gives them.</summary>
    public static async Task<IReadOnlyList<CatalogInstrument>> StoreAsync(LtiPdDbContext db, AssessmentCatalog catalog, DateTimeOffset at)
    {
        var framework = Framework();
        var document = FrameworkDocument.Write(framework);
        framework = ShippedContent.CheckedFramework(Code, document);
        db.Frameworks.Add(new FrameworkEntity { Code = framework.Code, Version = framework.Version, Document = document, CreatedAt = at });
        foreach (var instrument in InstrumentCodes.Select((code, i) => Instrument(code, framework.Competencies.Skip(i * ItemsPerInstrument).Take(ItemsPerInstrument))))
        {
            var json = InstrumentDocument.Write(instrument);
            var stored = ShippedContent.CheckedInstrument(instrument.Code, json, framework);
            db.Instruments.Add(new InstrumentEntity
            {
                Code = stored.Code, Version = stored.Version, Kind = (int)stored.Kind, FrameworkCode = stored.FrameworkCode, Document = json, CreatedAt = at,
            });
        }
        await db.SaveChangesAsync();
        catalog.Invalidate();
        var instruments = new List<CatalogInstrument>();
        foreach (var code in InstrumentCodes)
            instruments.Add(await catalog.FindLatestAsync(code, default) ?? throw new InvalidOperationException($"The catalog does not find {code}."));
        return instruments;
    }

    private static CompetencyFramework Framework() => new(Code, "1.0", new LocalizedText("Synthetic framework of 40 competencies (benchmark)"),
        new LocalizedText("Issue 11's synthetic institution: 14 social, 13 pedagogical and 13 subject competencies."),
        Enumerable.Range(1, Competencies).Select(Competency).ToList(), []);

    private static Competency Competency(int n)
    {
        var component = n <= 14 ? Component.Social : n <= 27 ? Component.Pedagogical : Component.Subject;
        var code = $"{Code}-c{n.ToString("D2", CultureInfo.InvariantCulture)}";
        return new Competency(code, component, new LocalizedText($"Competency {n}"), new LocalizedText($"Synthetic {component} competency {n}."),
            Enum.GetValues<Level>().ToDictionary(l => l, l => new LocalizedText($"Competency {n} at level {l}.")),
            [new Indicator(code + "-1", new LocalizedText($"Shows competency {n}."))], []);
    }

    private static Instrument Instrument(string code, IEnumerable<Competency> competencies) =>
        new(code, 1, InstrumentKind.LikertSelfAssessment, Code, new LocalizedText($"Self-assessment {code}"), new LocalizedText("Rate each statement."),
            competencies.Select((c, i) => new Item($"{code}-{i + 1:D2}", c.Code, c.Indicators[0].Code, ItemKind.Likert,
                new LocalizedText($"I show {c.Name.En.ToLowerInvariant()} in my teaching."), ReverseKeyed: i % 4 == 3, [], null)).ToList());
}
