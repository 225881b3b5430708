using System.Text;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiPD.Web.Features.Admin;

/// <summary>Stored competency frameworks: the list with export links, and the upload of a CASE or Moodle CSV file.</summary>
// Room for the form around a file of the largest accepted size; beyond it Kestrel refuses the body
// (413 body_too_large), below it the handler answers a too-large file with its own report.
[RequestSizeLimit(FrameworksLibrary.MaxFileBytes + 256 * 1024)]
public sealed class FrameworksModel(FrameworksLibrary library, ILogger<FrameworksModel> logger) : PageModel
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

    public static IReadOnlyList<(string Value, string Label)> Formats { get; } =
        [(CaseFormat, "CASE 1.1 JSON (CFPackage)"), (MoodleFormat, "Moodle competency framework CSV")];

    public static IReadOnlyList<(string Value, string Label)> LanguageNames { get; } =
        [("en", "English"), ("ru", "Russian"), ("kk", "Kazakh")];

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

    public static string Counts(FrameworkSummary f) =>
        $"{f.Social} social, {f.Subject} subject, {f.Pedagogical} pedagogical" + (f.Tasks > 0 ? $"; {f.Tasks} pedagogical tasks" : "");

    public static string Counts(CompetencyFramework f) =>
        $"{f.Of(Component.Social).Count()} social, {f.Of(Component.Subject).Count()} subject and {f.Of(Component.Pedagogical).Count()} pedagogical competencies, {f.Tasks.Count} pedagogical tasks";

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
                $"\"{Format}\" is not a format this page reads; choose CASE 1.1 JSON or Moodle CSV.");
        if (!FrameworksLibrary.Languages.Contains(Language))
            return FrameworkImport.Refused(StatusCodes.Status400BadRequest, "language", FrameworkCodes.UnknownLanguage,
                $"\"{Language}\" is not a language of this tool; choose English, Russian or Kazakh.");
        if (Upload is not { Length: > 0 })
            return FrameworkImport.Refused(StatusCodes.Status400BadRequest, "file", ProblemCodes.EmptyFile,
                "No file was chosen, or the file is empty.");
        if (Upload.Length > FrameworksLibrary.MaxFileBytes)
            return FrameworkImport.Refused(StatusCodes.Status413PayloadTooLarge, "file", FrameworkCodes.FileTooLarge,
                $"The file has {Upload.Length:N0} bytes; a framework file may have at most {FrameworksLibrary.MaxFileBytes:N0}.");

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
            return FrameworkImport.Refused(StatusCodes.Status400BadRequest, "file", FrameworkCodes.NotUtf8,
                "The file is not UTF-8 text; save it as UTF-8 and upload it again.");
        }

        return await library.ImportAsync(text, format.Value, Language, ct);
    }

    private async Task LoadAsync(CancellationToken ct) => Frameworks = await library.ListAsync(ct);
}
