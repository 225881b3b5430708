using LtiPD.Domain.Competencies;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Modules;

/// <summary>
/// A programme as a teacher meets it, for its designers: every module's summary, facts, micro-objectives, materials and
/// diagnostics, read-only. Nothing here starts an attempt or records anything, so a designer can read without leaving traces in
/// the course's evidence.
/// </summary>
public sealed class ProgrammePreviewModel(ProgrammeCatalog catalog, AssessmentCatalog instruments, IStringLocalizer<SharedResource> t) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public CatalogProgramme Programme { get; private set; } = null!;

    public IReadOnlyDictionary<string, CatalogInstrument> Instruments { get; private set; } = new Dictionary<string, CatalogInstrument>();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if ((await catalog.LatestAsync(LtiSession.PlatformId, ct)).FirstOrDefault(p => p.Programme.Code == code) is not { } programme)
            return Refuse(new Refusal(ProgrammeCodes.NotFound, t["Programmes.NotFound"], StatusCodes.Status404NotFound));
        Programme = programme;
        Instruments = (await instruments.LatestAsync(ct)).ToDictionary(i => i.Instrument.Code, StringComparer.Ordinal);
        return Page();
    }

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);
}
