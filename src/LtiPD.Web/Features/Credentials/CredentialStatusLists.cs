using LtiPD.Data;
using LtiPD.Domain.Credentials;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Credentials;

/// <summary>The status lists the tool publishes, built from the credentials' rows: a set bit is a revoked credential.</summary>
public static class CredentialStatusLists
{
    public static async Task<BitstringStatusList> BuildAsync(LtiPdDbContext db, int list, CancellationToken ct)
    {
        var bits = new BitstringStatusList();
        foreach (var index in await db.Credentials.AsNoTracking().Where(c => c.StatusList == list && c.RevokedAt != null).Select(c => c.StatusIndex).ToListAsync(ct))
            bits[index] = true;
        return bits;
    }
}
