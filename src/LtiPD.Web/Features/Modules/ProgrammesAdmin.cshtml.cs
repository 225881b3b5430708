using System.Globalization;
using System.Text;
using LtiPD.Domain.Content;
using LtiPD.Domain.Programmes;
using LtiPD.Web.Features.Admin;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Modules;

/// <summary>
/// Stored programme versions with their exports, and the import of an <c>ltipd-programme/1</c> document, uploaded or pasted.
/// Administrators only: a programme is not owned by a platform (one catalogue, modules addressed by code alone), so an import by
/// one platform's designer would change the modules every other platform's courses link to.
/// </summary>
// Room for the form around a document of the largest accepted size; beyond it Kestrel refuses the body (413 body_too_large),
// below it the handler answers a too-large document with its own report.
[Authorize(Policy = AdminAccess.Policy)]
[RequestSizeLimit(ProgrammeLibrary.MaxDocumentBytes * 2 + 256 * 1024)]
public sealed class ProgrammesAdminModel(ProgrammeLibrary library, IStringLocalizer<SharedResource> t, ILogger<ProgrammesAdminModel> logger) : PageModel
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public IReadOnlyList<StoredProgramme> Programmes { get; private set; } = [];
    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    /// <summary>What the last import stored, shown once after its redirect.</summary>
    [TempData] public string? Notice { get; set; }

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Document { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(string code, int version, CancellationToken ct)
    {
        if (await library.FindAsync(code, version, ct) is not { } row)
        {
            Problems = [new ContentProblem(null, "code", ProgrammeCodes.NotFound, t["Admin.ProgrammeNotStored", code, version])];
            Response.StatusCode = StatusCodes.Status404NotFound;
            await LoadAsync(ct);
            return Page();
        }
        return File(Encoding.UTF8.GetBytes(row.Document), "application/json", $"{row.Code}-v{row.Version}.json");
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        var import = await ImportAsync(ct);
        if (import.Stored is { } programme)
        {
            logger.LogInformation("Programme {Code} v{Version} imported by admin", programme.Code, programme.Version);
            Notice = t.Plural("Admin.ProgrammeImported", programme.Modules.Count, programme.Title.For(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), programme.Code, programme.Version, programme.Modules.Count);
            return RedirectToPage();
        }
        logger.LogWarning("Programme import refused with {Status}: {Problems}", import.StatusCode, string.Join("; ", import.Problems.Take(50)));
        Problems = import.Problems;
        Response.StatusCode = import.StatusCode;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<ProgrammeImport> ImportAsync(CancellationToken ct)
    {
        var pasted = string.IsNullOrWhiteSpace(Document) ? null : Document;
        if (Upload is { Length: > 0 } && pasted is not null)
            return ProgrammeImport.Refused(StatusCodes.Status400BadRequest, "file", ProblemCodes.InvalidValue,
                t["Admin.FileAndText"]);
        if (pasted is not null)
        {
            return Encoding.UTF8.GetByteCount(pasted) > ProgrammeLibrary.MaxDocumentBytes
                ? TooLarge(Encoding.UTF8.GetByteCount(pasted))
                : await library.ImportAsync(pasted.TrimStart('\uFEFF'), ct);
        }
        if (Upload is not { Length: > 0 })
            return ProgrammeImport.Refused(StatusCodes.Status400BadRequest, "file", ProblemCodes.EmptyFile,
                t["Admin.NoDocument"]);
        if (Upload.Length > ProgrammeLibrary.MaxDocumentBytes)
            return TooLarge(Upload.Length);
        try
        {
            await using var stream = Upload.OpenReadStream();
            // The document is JSON, so UTF-8 (RFC 8259 §8.1); a leading BOM is dropped.
            using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false);
            return await library.ImportAsync((await reader.ReadToEndAsync(ct)).TrimStart('\uFEFF'), ct);
        }
        catch (DecoderFallbackException)
        {
            return ProgrammeImport.Refused(StatusCodes.Status400BadRequest, "file", ProgrammeCodes.NotUtf8, t["Admin.NotUtf8"]);
        }
    }

    private ProgrammeImport TooLarge(long bytes) =>
        ProgrammeImport.Refused(StatusCodes.Status413PayloadTooLarge, "file", ProgrammeCodes.FileTooLarge,
            t["Admin.FileTooLarge", bytes.ToString("N0", CultureInfo.CurrentCulture), ProgrammeLibrary.MaxDocumentBytes.ToString("N0", CultureInfo.CurrentCulture)]);

    private async Task LoadAsync(CancellationToken ct) => Programmes = await library.ListAsync(ct);
}
