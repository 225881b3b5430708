using LtiPD.Data;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Modules;

/// <summary>
/// The course designer's view of the micro-credential programmes: micro-objectives, modules with their kind, hours, forms,
/// components and diagnostics, and how many people of this course completed each module.
/// </summary>
public sealed class ProgrammesModel(ProgrammeCatalog catalog, AssessmentCatalog instruments, LtiPdDbContext db) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public IReadOnlyList<CatalogProgramme> Programmes { get; private set; } = [];

    public IReadOnlyDictionary<string, CatalogInstrument> Instruments { get; private set; } = new Dictionary<string, CatalogInstrument>();

    /// <summary>Completions in this course (platform, deployment, context) per module code.</summary>
    public IReadOnlyDictionary<string, int> CompletedInCourse { get; private set; } = new Dictionary<string, int>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Programmes = await catalog.LatestAsync(ct);
        Instruments = (await instruments.LatestAsync(ct)).ToDictionary(i => i.Instrument.Code, StringComparer.Ordinal);
        if (LtiSession.ContextId is { } context)
        {
            CompletedInCourse = await db.ModuleCompletions.AsNoTracking()
                .Where(c => c.PlatformId == LtiSession.PlatformId && c.DeploymentId == LtiSession.DeploymentId && c.ContextId == context)
                .GroupBy(c => c.ModuleCode).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, StringComparer.Ordinal, ct);
        }
    }

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);
}
