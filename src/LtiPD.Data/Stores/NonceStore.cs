using LtiPD.Data.Entities;
using LtiPD.Lti.Validation;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Data.Stores;

/// <summary>
/// Single use comes from the primary key (Issuer, Value): two nodes inserting the same nonce cannot both
/// succeed, and the row outlives a restart. Rows are swept once the token could no longer be accepted.
/// </summary>
internal sealed class NonceStore(LtiPdDbContext db) : INonceStore
{
    public async Task<bool> TryUseAsync(string issuer, string nonce, DateTimeOffset keepUntil, CancellationToken ct)
    {
        var row = new UsedNonceEntity { Issuer = issuer, Value = nonce, KeepUntil = keepUntil };
        db.UsedNonces.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return false;
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }
}
