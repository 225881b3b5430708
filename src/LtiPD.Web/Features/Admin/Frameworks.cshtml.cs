using System.Globalization;
using System.Text;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Admin;

/// <summary>Stored competency frameworks: the list with export links, and the upload of a CASE or Moodle CSV file.</summary>
// Room for the form around a file of the largest accepted size; beyond it Kestrel refuses the body
// (413 body_too_large), below it the handler answers a too-large file with its own report.
[RequestSizeLimit(FrameworksLibrary.MaxFileBytes + 256 * 1024)]
public sealed class FrameworksModel(FrameworksLibrary library, IStringLocalizer<SharedResource> t, ILogger<FrameworksModel> logger) : PageModel
{
    private const string CaseFormat = "case";
    private const string MoodleFormat = "moodle-csv";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public IReadOnlyList<FrameworkSummary> Frameworks { get; private set; } = [];
    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];
    public CompetencyFramework? Imported { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string Format { get; set; } = CaseFormat;
    [BindProperty] public string Language { get; set; } = "en";

    /// <summary>The formats offered, with the resource key of each one's name.</summary>
    public static IReadOnlyList<(string Value, string Label)> Formats { get; } =
        [(CaseFormat, "Admin.Format.Case"), (MoodleFormat, "Admin.Format.Moodle")];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        var import = await ImportAsync(ct);
        if (import.Stored is { } framework)
        {
            logger.LogInformation("Framework {Code} {Version} imported by admin from {File}", framework.Code, framework.Version, Upload?.FileName);
            Imported = framework;
            ModelState.Clear();
        }
        else
        {
            logger.LogWarning("Framework import of {File} ({Format}) refused with {Status}: {Problems}",
                Upload?.FileName, Format, import.StatusCode, string.Join("; ", import.Problems.Take(50)));
            Problems = import.Problems;
            Response.StatusCode = import.StatusCode;
        }

        await LoadAsync(ct);
        return Page();
    }

    public string Counts(FrameworkSummary f) => Counts(f.Social, f.Subject, f.Pedagogical, f.Tasks);

    public string Counts(CompetencyFramework f) =>
        Counts(f.Of(Component.Social).Count(), f.Of(Component.Subject).Count(), f.Of(Component.Pedagogical).Count(), f.Tasks.Count);

    private string Counts(int social, int subject, int pedagogical, int tasks) =>
        t["Admin.FrameworkCounts", social, subject, pedagogical] + (tasks > 0 ? "; " + t.Plural("Admin.FrameworkTasks", tasks, tasks) : "");

    private async Task<FrameworkImport> ImportAsync(CancellationToken ct)
    {
        FrameworkFileFormat? format = Format switch
        {
            CaseFormat => FrameworkFileFormat.Case,
            MoodleFormat => FrameworkFileFormat.MoodleCsv,
            _ => null,
        };
        if (format is null)
            return FrameworkImport.Refused(StatusCodes.Status400BadRequest, "format", FrameworkCodes.UnknownFormat,
                t["Admin.UnknownFormat", Format]);
        if (!FrameworksLibrary.Languages.Contains(Language))
            return FrameworkImport.Refused(StatusCodes.Status400BadRequest, "language", FrameworkCodes.UnknownLanguage,
                t["Admin.UnknownLanguage", Language]);
        if (Upload is not { Length: > 0 })
            return FrameworkImport.Refused(StatusCodes.Status400BadRequest, "file", ProblemCodes.EmptyFile,
                t["Admin.NoFile"]);
        if (Upload.Length > FrameworksLibrary.MaxFileBytes)
            return FrameworkImport.Refused(StatusCodes.Status413PayloadTooLarge, "file", FrameworkCodes.FileTooLarge,
                t["Admin.FileTooLarge", Upload.Length.ToString("N0", CultureInfo.CurrentCulture), FrameworksLibrary.MaxFileBytes.ToString("N0", CultureInfo.CurrentCulture)]);

        string text;
        try
        {
            await using var stream = Upload.OpenReadStream();
            // Both formats are UTF-8 (CASE by RFC 8259 §8.1, Moodle by its exporter); a leading BOM is dropped.
            using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false);
            text = (await reader.ReadToEndAsync(ct)).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return FrameworkImport.Refused(StatusCodes.Status400BadRequest, "file", FrameworkCodes.NotUtf8, t["Admin.NotUtf8"]);
        }

        return await library.ImportAsync(text, format.Value, Language, ct);
    }

    private async Task LoadAsync(CancellationToken ct) => Frameworks = await library.ListAsync(ct);
}
