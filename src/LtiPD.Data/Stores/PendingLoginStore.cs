using LtiPD.Data.Entities;
using LtiPD.Lti.Login;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Data.Stores;

internal sealed class PendingLoginStore(LtiPdDbContext db) : IPendingLoginStore
{
    public async Task SaveAsync(PendingLogin login, CancellationToken ct)
    {
        var row = new PendingLoginEntity
        {
            State = login.State,
            Nonce = login.Nonce,
            Issuer = login.Issuer,
            ClientId = login.ClientId,
            StorageTarget = login.StorageTarget,
            ExpiresAt = login.ExpiresAt,
        };
        db.PendingLogins.Add(row);
        await db.SaveChangesAsync(ct);
        db.Entry(row).State = EntityState.Detached;
    }

    public async Task<PendingLogin?> TakeAsync(string state, CancellationToken ct)
    {
        var row = await db.PendingLogins.AsNoTracking().FirstOrDefaultAsync(l => l.State == state, ct);
        if (row is null)
            return null;
        // Only the request whose delete removed the row may use it: a concurrent second use gets 0 rows.
        var deleted = await db.PendingLogins.Where(l => l.State == state).ExecuteDeleteAsync(ct);
        return deleted == 1
            ? new PendingLogin(row.State, row.Nonce, row.Issuer, row.ClientId, row.StorageTarget, row.ExpiresAt)
            : null;
    }
}
