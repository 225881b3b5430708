using LtiPD.Data.Entities;
using LtiPD.Lti.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Data.Stores;

/// <summary>Tool private keys at rest are Data Protection payloads, never plain key material.</summary>
internal sealed class ToolKeyStore(LtiPdDbContext db, IDataProtectionProvider protection) : IToolKeyStore
{
    /// <summary>The Data Protection purpose of tool private keys.</summary>
    public const string Purpose = "LtiPD.ToolKeys.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public async Task<IReadOnlyList<StoredToolKey>> LoadAsync(CancellationToken ct)
    {
        var rows = await db.ToolKeys.AsNoTracking().ToListAsync(ct);
        return rows.ConvertAll(k => new StoredToolKey(
            k.Kid, _protector.Unprotect(Convert.FromBase64String(k.ProtectedPrivateKey)), k.CreatedAt, k.RetiredAt));
    }

    public async Task AddAndRetireOthersAsync(StoredToolKey key, CancellationToken ct)
    {
        // Protect before the transaction: the first Protect may create a Data Protection key, which is
        // written to this same database and would wait on our own write lock.
        var protectedKey = Convert.ToBase64String(_protector.Protect(key.PrivateKeyPkcs8));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ToolKeys.Where(k => k.RetiredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, key.CreatedAt), ct);
        db.ToolKeys.Add(new ToolKeyEntity
        {
            Kid = key.Kid,
            ProtectedPrivateKey = protectedKey,
            CreatedAt = key.CreatedAt,
            RetiredAt = key.RetiredAt,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    public Task DeleteRetiredBeforeAsync(DateTimeOffset cutoff, CancellationToken ct) =>
        db.ToolKeys.Where(k => k.RetiredAt != null && k.RetiredAt < cutoff).ExecuteDeleteAsync(ct);
}
