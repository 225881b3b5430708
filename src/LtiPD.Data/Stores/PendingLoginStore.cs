using LtiPD.Data.Entities;
using LtiPD.Lti.Login;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Data.Stores;

internal sealed class PendingLoginStore(LtiPdDbContext db) : IPendingLoginStore
{
    // A plain INSERT: every login initiation writes one row, and change tracking buys nothing here.
    public Task SaveAsync(PendingLogin login, CancellationToken ct) =>
        db.ExecuteAsync(
            "INSERT INTO pending_logins (\"State\", \"Nonce\", \"Issuer\", \"ClientId\", \"StorageTarget\", \"ExpiresAt\") VALUES (@p0, @p1, @p2, @p3, @p4, @p5)",
            ct, login.State, login.Nonce, login.Issuer, login.ClientId, login.StorageTarget, db.StoreValue(login.ExpiresAt));

    public Task<PendingLogin?> TakeAsync(string state, CancellationToken ct) =>
        // One statement reads and deletes: only the request whose delete removed the row gets it back, so a
        // concurrent second use of the same state sees nothing. SQLite ≥ 3.35 and PostgreSQL both support
        // DELETE … RETURNING.
        db.RunAsync(
            "DELETE FROM pending_logins WHERE \"State\" = @p0 RETURNING \"Nonce\", \"Issuer\", \"ClientId\", \"StorageTarget\", \"ExpiresAt\"",
            async (command, token) =>
            {
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token)
                    ? new PendingLogin(state, reader.GetString(0), reader.GetString(1), reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3), db.ReadTime(reader, 4))
                    : null;
            },
            ct, state);
}
