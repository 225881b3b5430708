using LtiPD.Data;
using LtiPD.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Credentials;

/// <summary>
/// Revoking a credential: sets its row's revocation, which sets its bit in the published status list (the list is built from
/// the rows). A designer revokes only credentials earned in their course; the tool's administrators any. Revocation is final:
/// a credential issued in error is revoked, not deleted, so anyone holding the file learns it no longer stands.
/// </summary>
public sealed class CredentialRevocation(LtiPdDbContext db, TimeProvider time)
{
    public const int MaxReasonLength = 500;
    public const string ReasonMissing = "revocation_reason";
    public const string NotFound = "credential_not_found";

    /// <summary>True when this call revoked it; false when it is not in the scope, unknown or already revoked.</summary>
    public async Task<bool> RevokeAsync(string id, CourseScope? course, string reason, string revokedBy, CancellationToken ct)
    {
        var rows = db.Credentials.Where(c => c.Id == id && c.RevokedAt == null);
        if (course is { } scope)
            rows = rows.Where(c => c.PlatformId == scope.PlatformId && c.DeploymentId == scope.DeploymentId && c.ContextId == scope.ContextId);
        var now = time.GetUtcNow();
        return await rows.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.RevokedAt, now)
            .SetProperty(c => c.RevokedReason, reason)
            .SetProperty(c => c.RevokedBy, revokedBy), ct) == 1;
    }
}
