using System.Text;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Modules;

/// <summary>
/// A programme's <c>ltipd-programme/1</c> document as a file: the stored text of the newest version (or of <c>?version=</c>),
/// byte for byte, so an export imported under a new version number is the same programme. Only a programme the designer's platform
/// sees (tool-wide or its own) is found; another platform's is refused as an unknown one. The page renders only a refusal.
/// </summary>
public sealed class ProgrammeExportModel(ProgrammeLibrary library, IStringLocalizer<SharedResource> t) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public async Task<IActionResult> OnGetAsync(string code, int? version, CancellationToken ct)
    {
        if (await library.FindForPlatformAsync(LtiSession.PlatformId, code, version, ct) is not { } row)
            return Refuse(new Refusal(ProgrammeCodes.NotFound, t["Programmes.NotFound"], StatusCodes.Status404NotFound));
        return File(Encoding.UTF8.GetBytes(row.Document), "application/json", $"{row.Code}-v{row.Version}.json");
    }
}
