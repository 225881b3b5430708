using LtiPD.Data.Entities;
using LtiPD.Lti.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Data.Stores;

/// <summary>
/// The credential signing keys, at rest as Data Protection payloads like the tool keys (with their own purpose, so one
/// protector never opens the other's keys). A retired key is never deleted: it is what old credentials verify against.
/// </summary>
/// <remarks>The key ring that uses it is a singleton, so each call takes its own scope and context.</remarks>
public sealed class CredentialKeyStore(IServiceScopeFactory scopes, IDataProtectionProvider protection) : IToolKeyStore
{
    public const string Purpose = "LtiPD.CredentialKeys.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public async Task<IReadOnlyList<StoredToolKey>> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await Db(scope).CredentialKeys.AsNoTracking().ToListAsync(ct);
        return rows.ConvertAll(k => new StoredToolKey(
            k.Kid, _protector.Unprotect(Convert.FromBase64String(k.ProtectedPrivateKey)), k.CreatedAt, k.RetiredAt));
    }

    public async Task AddAndRetireOthersAsync(StoredToolKey key, CancellationToken ct)
    {
        // Protected before the transaction, for the reason ToolKeyStore gives: a first Protect may write a Data Protection key.
        var protectedKey = Convert.ToBase64String(_protector.Protect(key.PrivateKeyPkcs8));
        await using var scope = scopes.CreateAsyncScope();
        var db = Db(scope);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.CredentialKeys.Where(k => k.RetiredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, key.CreatedAt), ct);
        db.CredentialKeys.Add(new CredentialKeyEntity { Kid = key.Kid, ProtectedPrivateKey = protectedKey, CreatedAt = key.CreatedAt });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Nothing is deleted: a credential outlives any overlap period.</summary>
    public Task DeleteRetiredBeforeAsync(DateTimeOffset cutoff, CancellationToken ct) => Task.CompletedTask;

    private static LtiPdDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
}
