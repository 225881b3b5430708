using LtiPD.Domain.People;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace LtiPD.Web.Features.Cohort;

/// <summary>
/// The file a teacher uploaded with a practical task. It is always a download (Content-Disposition:
/// attachment) with the host's nosniff header: the bytes and their content type come from an upload, and
/// served inline on the tool's origin an HTML or SVG file could run script with the designer's session link.
/// </summary>
public sealed class ReviewFileModel(CourseAttempts attempts) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public async Task<IActionResult> OnGetAsync(string attemptId, string itemCode, CancellationToken ct)
    {
        var file = await attempts.FileAsync(LtiSession.Course, attemptId, itemCode, ct);
        if (file is null)
            return Refuse("file_not_found", StatusCodes.Status404NotFound);
        // A sandbox policy as well, in case a browser ignores the attachment disposition.
        Response.Headers.ContentSecurityPolicy = "sandbox";
        // The stored type is the one the content was recognised as (HandedInDocuments); a file stored before that check holds
        // what the browser claimed, and one that does not parse is sent as plain bytes.
        var contentType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(file.ContentType, out _) ? file.ContentType : "application/octet-stream";
        return File(file.Content, contentType, file.Name);
    }
}
