using System.Text;
using LtiPD.Domain.Competencies.Interchange;
using LtiPD.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Admin;

/// <summary>
/// A stored framework version as a file: <c>case</c> (CASE 1.1 CFPackage) or <c>moodle.csv</c>, in one
/// language. The page itself is shown only when the export cannot be made.
/// </summary>
public sealed class FrameworksExportModel(FrameworksLibrary library, IStringLocalizer<SharedResource> t, ILogger<FrameworksExportModel> logger) : PageModel
{
    private const string CaseFile = "case";
    private const string MoodleFile = "moodle.csv";

    public string ErrorCode { get; private set; } = "";
    public string Message { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, string version, string file, string? lang, CancellationToken ct)
    {
        lang ??= "en";
        if (file is not (CaseFile or MoodleFile))
            return Refuse(StatusCodes.Status404NotFound, FrameworkCodes.UnknownFormat, t["Admin.UnknownExport", file, CaseFile, MoodleFile]);
        if (!FrameworksLibrary.Languages.Contains(lang))
            return Refuse(StatusCodes.Status400BadRequest, FrameworkCodes.UnknownLanguage, t["Admin.UnknownLanguage", lang]);
        if (await library.FindAsync(code, version, ct) is not { } stored)
            return Refuse(StatusCodes.Status404NotFound, FrameworkCodes.NotFound, t["Admin.FrameworkNotStored", code, version]);

        var name = $"{stored.Framework.Code}-{stored.Framework.Version}-{lang}";
        if (file == MoodleFile)
            return File(Encoding.UTF8.GetBytes(MoodleCsv.Export(stored.Framework, lang)), "text/csv; charset=utf-8", $"{name}.moodle.csv");

        // The stored moment, not the current one, is the lastChangeDateTime: exporting the same version
        // twice gives the same bytes, so a CASE server sees no change where there is none.
        var options = new CaseExportOptions(lang, ToolUrls.For(Request).BaseUrl, stored.CreatedAt);
        return File(Encoding.UTF8.GetBytes(CaseFramework.Export(stored.Framework, options)), "application/json", $"{name}.case.json");
    }

    private PageResult Refuse(int status, string code, string message)
    {
        logger.LogWarning("Framework export refused ({Code}): {Message}", code, message);
        ErrorCode = code;
        Message = message;
        Response.StatusCode = status;
        return Page();
    }
}
