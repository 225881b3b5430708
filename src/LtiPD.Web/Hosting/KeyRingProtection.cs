using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Hosting;

/// <summary>
/// The Data Protection key ring protects the tool's private RSA keys, and by default it lives in the same database.
/// Outside Development its master keys are therefore encrypted with a certificate kept outside the database
/// (<c>DataProtection:CertificatePath</c>, a PFX file, and <c>DataProtection:CertificatePassword</c>): a copy of the
/// database alone no longer yields the keys that sign as the tool.
/// </summary>
public static class KeyRingProtection
{
    public const string Section = "DataProtection";
    public const string KeysPathKey = Section + ":KeysPath";
    public const string CertificatePathKey = Section + ":CertificatePath";
    public const string CertificatePasswordKey = Section + ":CertificatePassword";

    public static WebApplicationBuilder AddToolDataProtection(this WebApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("LtiPD");
        // Keys go to the database by default (shared by every node); a folder can be chosen instead.
        if (builder.Configuration[KeysPathKey] is { Length: > 0 } path)
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(path));

        // Loaded here, before anything can create a key: the first key must already be written encrypted, and
        // the framework's certificate options take the certificate object itself. A bad setting stops the tool now.
        var certificate = LoadCertificate(builder.Configuration, builder.Environment);
        if (certificate is not null)
        {
            // ProtectKeysWithCertificate encrypts new keys. Decryption must not depend on an X509 store (empty in
            // a container): UnprotectKeysWithAnyCertificate hands the loaded certificate to the decryptor, which
            // then matches encrypted keys against it by thumbprint.
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
            if (string.IsNullOrEmpty(builder.Configuration[KeysPathKey]))
                builder.Services.AddSingleton<EncryptedKeyRingInDatabase>();
        }
        return builder;
    }

    /// <summary>The certificate from the settings; null only in Development without one.</summary>
    public static X509Certificate2? LoadCertificate(IConfiguration configuration, IHostEnvironment environment)
    {
        var path = configuration[CertificatePathKey];
        if (string.IsNullOrEmpty(path))
        {
            if (environment.IsDevelopment())
                return null;
            throw Refuse($"{CertificatePathKey} must name a PFX file (with {CertificatePasswordKey}) outside the Development environment: " +
                "it encrypts the Data Protection key ring that protects the tool's private keys. See deploy/README.md for how to create one.");
        }

        byte[] pfx;
        try
        {
            pfx = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refuse($"{CertificatePathKey} names '{path}', which cannot be read: {e.Message}");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(pfx, configuration[CertificatePasswordKey]);
        }
        catch (CryptographicException)
        {
            throw Refuse($"{CertificatePathKey} names '{path}', which is not a PFX file that {CertificatePasswordKey} opens " +
                "(wrong password, or not a PKCS#12 file).");
        }

        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            // XML encryption of the key ring wraps each key with RSA; a certificate without its private key
            // could encrypt but never decrypt, so the next start would lose every key.
            throw Refuse($"{CertificatePathKey} names '{path}', whose certificate has no RSA private key; " +
                "export the certificate together with its RSA private key.");
        }
        return certificate;
    }

    private static OptionsValidationException Refuse(string message) =>
        new(Section, typeof(X509Certificate2), [message]);
}

/// <summary>Present when the key ring lives in the database and is encrypted: plain keys left from before are then replaced on start.</summary>
public sealed class EncryptedKeyRingInDatabase;
