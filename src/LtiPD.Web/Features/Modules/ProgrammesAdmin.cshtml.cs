using System.Globalization;
using System.Text;
using LtiPD.Domain.Content;
using LtiPD.Web.Features.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Modules;

/// <summary>
/// Stored programme versions of every owner with their exports, and the import of a tool-wide <c>ltipd-programme/1</c> document,
/// uploaded or pasted. Course designers import their own platform's programmes on /s/{sid}/programmes (see
/// <see cref="ProgrammeLibrary"/> for who owns what).
/// </summary>
[Authorize(Policy = AdminAccess.Policy)]
[RequestSizeLimit(ProgrammeUpload.MaxRequestBytes)]
public sealed class ProgrammesAdminModel(ProgrammeLibrary library, ProgrammeUpload upload, IStringLocalizer<SharedResource> t, ILogger<ProgrammesAdminModel> logger) : PageModel
{
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
        var import = await upload.ImportAsync(Upload, Document, ownerPlatformId: null, ct);
        if (import.Stored is { } programme)
        {
            logger.LogInformation("Programme {Code} v{Version} imported by admin (tool-wide)", programme.Code, programme.Version);
            Notice = upload.Imported(programme, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
            return RedirectToPage();
        }
        logger.LogWarning("Programme import refused with {Status}: {Problems}", import.StatusCode, string.Join("; ", import.Problems.Take(50)));
        Problems = import.Problems;
        Response.StatusCode = import.StatusCode;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => Programmes = await library.ListAsync(ct);
}
