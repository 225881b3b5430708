using LtiPD.Lti.Validation;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Data.Stores;

/// <summary>
/// Single use comes from the primary key (Issuer, Value): two nodes inserting the same nonce cannot both
/// succeed, and the row outlives a restart. Rows are swept once the token could no longer be accepted.
/// </summary>
internal sealed class NonceStore(LtiPdDbContext db) : INonceStore
{
    // One statement on the launch path, no change tracking: ON CONFLICT DO NOTHING (SQLite and PostgreSQL)
    // turns only a key conflict into "0 rows", so any other failure still surfaces as the error it is.
    public async Task<bool> TryUseAsync(string issuer, string nonce, DateTimeOffset keepUntil, CancellationToken ct) =>
        await db.ExecuteAsync(
            "INSERT INTO used_nonces (\"Issuer\", \"Value\", \"KeepUntil\") VALUES (@p0, @p1, @p2) ON CONFLICT DO NOTHING",
            ct, issuer, nonce, db.StoreValue(keepUntil)) == 1;
}
