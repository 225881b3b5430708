using System.Globalization;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.People;
using LtiPD.Domain.Statistics;
using LtiPD.Web.Features.Shared;

namespace LtiPD.Web.Features.Cohort;

/// <summary>How consistently each competency scale of the course's instruments measures, on the course's own answers.</summary>
public sealed class ReliabilityModel(CourseReliability reliability) : SessionPageModel
{
    /// <summary>The fewest respondents with every item answered that a scale needs (two rows give a variance).</summary>
    public const int MinRespondents = 2;

    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public IReadOnlyList<InstrumentReliability> Instruments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Instruments = await reliability.AnalyseAsync(LtiSession.Course, ct);

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);

    public string NameOf(InstrumentReliability instrument, string competencyCode) =>
        instrument.Instrument.Framework.FindCompetency(competencyCode) is { } c ? Text(c.Name) : competencyCode;

    public static string Number(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.CurrentCulture) : "—";

    public static bool IsLowAlpha(ReliabilityReport report) => report.Alpha is { } a && a < ScaleReliability.MinAlpha;

    public static bool IsLowItemTotal(ItemReliability item) => item.CorrectedItemTotal is { } r && r < ScaleReliability.MinItemTotal;
}
