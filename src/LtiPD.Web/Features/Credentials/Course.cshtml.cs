using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Credentials;

/// <summary>The credentials earned in the designer's course, and revocation with a reason (POST, then redirect).</summary>
public sealed class CourseModel(LtiPdDbContext db, CredentialRevocation revocation) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public IReadOnlyList<CredentialEntity> Credentials { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var course = LtiSession.Course;
        Credentials = await db.Credentials.AsNoTracking()
            .Where(c => c.PlatformId == course.PlatformId && c.DeploymentId == course.DeploymentId && c.ContextId == course.ContextId)
            .OrderByDescending(c => c.IssuedAt).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string id, string? reason, CancellationToken ct)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > CredentialRevocation.MaxReasonLength)
            return Refuse(CredentialRevocation.ReasonMissing, StatusCodes.Status400BadRequest, CredentialRevocation.MaxReasonLength);
        if (!await revocation.RevokeAsync(id ?? "", LtiSession.Course, reason, LtiSession.UserId, ct))
            return Refuse(new Refusal(CredentialRevocation.NotFound, Words["Credentials.NotRevocable"], StatusCodes.Status404NotFound));
        return Redirect($"/s/{LtiSession.Id}/credentials/course?revoked={Uri.EscapeDataString(id!)}");
    }
}
