using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Web.Features.Credentials;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Admin;

/// <summary>
/// Every credential the tool issued, newest first, and revocation with a reason across all platforms (POST, then redirect):
/// the administrator's way to withdraw a credential issued in error when no designer of its course is at hand.
/// </summary>
public sealed class CredentialsModel(LtiPdDbContext db, CredentialRevocation revocation, IStringLocalizer<SharedResource> t, ILogger<CredentialsModel> logger) : PageModel
{
    public const int Shown = 500;

    public IReadOnlyList<CredentialEntity> Issued { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Issued = await db.Credentials.AsNoTracking().OrderByDescending(c => c.IssuedAt).Take(Shown).ToListAsync(ct);

    public async Task<IActionResult> OnPostRevokeAsync(string? id, string? reason, CancellationToken ct)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > CredentialRevocation.MaxReasonLength)
            return await NoticeAsync(t["Error." + CredentialRevocation.ReasonMissing, CredentialRevocation.MaxReasonLength], StatusCodes.Status400BadRequest, ct);
        if (!await revocation.RevokeAsync(id ?? "", course: null, reason, "administrator", ct))
            return await NoticeAsync(t["Admin.CredentialNotRevocable"], StatusCodes.Status404NotFound, ct);
        logger.LogInformation("Administrator revoked credential {CredentialId}", id);
        return RedirectToPage(new { revoked = id });
    }

    private async Task<IActionResult> NoticeAsync(string notice, int status, CancellationToken ct)
    {
        Notice = notice;
        Response.StatusCode = status;
        await OnGetAsync(ct);
        return Page();
    }
}
