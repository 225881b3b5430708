using LtiPD.Data.Entities;
using LtiPD.Lti.Login;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Data.Stores;

internal sealed class PendingLoginStore(LtiPdDbContext db) : IPendingLoginStore
{
    // A plain INSERT: every login initiation writes one row, and change tracking buys nothing here.
    public Task SaveAsync(PendingLogin login, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO pending_logins (\"State\", \"Nonce\", \"Issuer\", \"ClientId\", \"StorageTarget\", \"ExpiresAt\") VALUES ({login.State}, {login.Nonce}, {login.Issuer}, {login.ClientId}, {login.StorageTarget}, {db.StoreValue(login.ExpiresAt)})",
            ct);

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
