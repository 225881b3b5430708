using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace LtiPD.Web.Features.Modules;

/// <summary>
/// The course designer's view of the micro-credential programmes their platform's courses see (tool-wide ones and the platform's
/// own): micro-objectives, modules with their kind, hours, forms, components and diagnostics, how many people of this course
/// completed each module, which courses of this platform use each programme, the ways to preview and export one, and the import
/// of a programme for this platform (see <see cref="ProgrammeLibrary"/> for what a designer may import).
/// </summary>
[RequestSizeLimit(ProgrammeUpload.MaxRequestBytes)]
public sealed class ProgrammesModel(
    ProgrammeCatalog catalog, AssessmentCatalog instruments, Cohort.CourseAttempts attempts, ProgrammeUsage usage, ProgrammeUpload upload,
    ILogger<ProgrammesModel> logger)
    : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public IReadOnlyList<CatalogProgramme> Programmes { get; private set; } = [];

    public IReadOnlyDictionary<string, CatalogInstrument> Instruments { get; private set; } = new Dictionary<string, CatalogInstrument>();

    /// <summary>Completions in this course (platform, deployment, context) per module code.</summary>
    public IReadOnlyDictionary<string, int> CompletedInCourse { get; private set; } = new Dictionary<string, int>();

    /// <summary>The courses of this platform deployment that use each programme, by programme code.</summary>
    public ILookup<string, ProgrammeCourse> Courses { get; private set; } = Array.Empty<ProgrammeCourse>().ToLookup(c => c.ProgrammeCode);

    /// <summary>Every problem of the document just refused.</summary>
    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    /// <summary>The sentence confirming the import that redirected here.</summary>
    public string? Notice { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Document { get; set; }

    /// <param name="imported">The code of the programme an import just stored (the redirect after it carries it: session pages
    /// keep no cookie). Only a programme of this platform's catalogue is confirmed, so nothing from the address is echoed.</param>
    public async Task OnGetAsync(string? imported, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Programmes.FirstOrDefault(p => p.Programme.Code == imported) is { } done)
            Notice = upload.Imported(done.Programme, LtiSession.Culture.Name);
    }

    /// <summary>Imports a document for this platform: all or nothing, then back to the list; a refusal lists every problem.</summary>
    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        var import = await upload.ImportAsync(Upload, Document, LtiSession.PlatformId, ct);
        if (import.Stored is { } programme)
        {
            logger.LogInformation("Programme {Code} v{Version} imported by course designer {UserId} for platform {PlatformId}",
                programme.Code, programme.Version, LtiSession.UserId, LtiSession.PlatformId);
            return Redirect($"/s/{LtiSession.Id}/programmes?imported={Uri.EscapeDataString(programme.Code)}");
        }
        logger.LogWarning("Programme import by course designer {UserId} of platform {PlatformId} refused with {Status}: {Problems}",
            LtiSession.UserId, LtiSession.PlatformId, import.StatusCode, string.Join("; ", import.Problems.Take(50)));
        Problems = import.Problems;
        Response.StatusCode = import.StatusCode;
        await LoadAsync(ct);
        return Page();
    }

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);

    private async Task LoadAsync(CancellationToken ct)
    {
        Courses = (await usage.CoursesAsync(LtiSession.Course, ct)).ToLookup(c => c.ProgrammeCode, StringComparer.Ordinal);
        Programmes = await catalog.LatestAsync(LtiSession.PlatformId, ct);
        Instruments = (await instruments.LatestAsync(ct)).ToDictionary(i => i.Instrument.Code, StringComparer.Ordinal);
        // Each completion in this course counted once per module: the cohort page reads the same list per member.
        CompletedInCourse = (await attempts.CompletedModulesAsync(LtiSession.Course, ct)).Values.SelectMany(codes => codes)
            .GroupBy(code => code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }
}
