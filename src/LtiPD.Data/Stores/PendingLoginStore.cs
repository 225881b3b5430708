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
        // One statement reads and deletes: only the request whose delete removed the row gets it back,
        // so a concurrent second use of the same state sees nothing. SQLite ≥ 3.35 and PostgreSQL both
        // support DELETE … RETURNING.
        var rows = await db.PendingLogins
            .FromSql($"DELETE FROM pending_logins WHERE \"State\" = {state} RETURNING *")
            .AsNoTracking().ToListAsync(ct);
        return rows is [var row]
            ? new PendingLogin(row.State, row.Nonce, row.Issuer, row.ClientId, row.StorageTarget, row.ExpiresAt)
            : null;
    }
}
