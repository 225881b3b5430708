using LtiPD.Domain.Competencies;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Shared;

namespace LtiPD.Web.Features.Modules;

/// <summary>
/// The course designer's view of the micro-credential programmes: micro-objectives, modules with their kind, hours, forms,
/// components and diagnostics, how many people of this course completed each module, which courses of this platform use each
/// programme, and the ways to preview and export one. Importing is for administrators (see <see cref="ProgrammeLibrary"/>).
/// </summary>
public sealed class ProgrammesModel(ProgrammeCatalog catalog, AssessmentCatalog instruments, Cohort.CourseAttempts attempts, ProgrammeUsage usage)
    : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public IReadOnlyList<CatalogProgramme> Programmes { get; private set; } = [];

    public IReadOnlyDictionary<string, CatalogInstrument> Instruments { get; private set; } = new Dictionary<string, CatalogInstrument>();

    /// <summary>Completions in this course (platform, deployment, context) per module code.</summary>
    public IReadOnlyDictionary<string, int> CompletedInCourse { get; private set; } = new Dictionary<string, int>();

    /// <summary>The courses of this platform deployment that use each programme, by programme code.</summary>
    public ILookup<string, ProgrammeCourse> Courses { get; private set; } = Array.Empty<ProgrammeCourse>().ToLookup(c => c.ProgrammeCode);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Courses = (await usage.CoursesAsync(LtiSession.Course, ct)).ToLookup(c => c.ProgrammeCode, StringComparer.Ordinal);
        Programmes = await catalog.LatestAsync(ct);
        Instruments = (await instruments.LatestAsync(ct)).ToDictionary(i => i.Instrument.Code, StringComparer.Ordinal);
        // Each completion in this course counted once per module: the cohort page reads the same list per member.
        CompletedInCourse = (await attempts.CompletedModulesAsync(LtiSession.Course, ct)).Values.SelectMany(codes => codes)
            .GroupBy(code => code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);
}
