using LtiPD.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Data.Stores;

/// <summary>
/// A database written before the key ring was encrypted still holds Data Protection keys in plain XML, and the tool's private
/// keys are protected with them: a dump of such a database gives away the tool's signing keys even after a certificate is
/// configured. On the first start with a certificate this creates a new, certificate-encrypted Data Protection key, protects
/// every tool key again with it, and deletes the plain keys. Whatever else those keys protected (an admin sign-in cookie, a
/// form's antiforgery token) simply stops being valid: the administrator signs in again.
/// </summary>
public static class LegacyKeyRing
{
    /// <summary>How an unencrypted key's XML shows its secret (XmlKeyManager writes an encrypted one as encryptedSecret).</summary>
    private const string PlainSecret = "<masterKey";

    /// <returns>How many plain keys were replaced (0 when there were none).</returns>
    public static async Task<int> EncryptAsync(IServiceProvider services, TimeProvider time, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        var plain = await db.DataProtectionKeys.Where(k => k.Xml.Contains(PlainSecret)).Select(k => k.Id).ToListAsync(ct);
        if (plain.Count == 0)
            return 0;

        // The newest activated key becomes the default one, so everything protected from here on uses the encrypted key.
        var now = time.GetUtcNow();
        services.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90));

        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ToolKeyStore.Purpose);
        var toolKeys = await db.ToolKeys.ToListAsync(ct);
        foreach (var key in toolKeys)
            key.ProtectedPrivateKey = Convert.ToBase64String(protector.Protect(protector.Unprotect(Convert.FromBase64String(key.ProtectedPrivateKey))));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.DataProtectionKeys.Where(k => plain.Contains(k.Id)).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return plain.Count;
    }
}
