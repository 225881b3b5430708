using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;

namespace LtiPD.Benchmarks;

/// <summary>What the tool requires in Production besides the database: its public address and a Data Protection certificate.</summary>
internal static class BenchSettings
{
    private const string Password = "bench-pfx-password";

    private static readonly Lazy<string> Pfx = new(() =>
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=LtiPD bench Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"ltipd-bench-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    });

    /// <summary>The settings as configuration keys, for a tool in this process or, as environment variables, in another one.</summary>
    public static IReadOnlyDictionary<string, string> For(string publicBaseUrl) => new Dictionary<string, string>
    {
        ["Tool:PublicBaseUrl"] = publicBaseUrl,
        ["DataProtection:CertificatePath"] = Pfx.Value,
        ["DataProtection:CertificatePassword"] = Password,
        // Every launch of the benchmark comes from one address.
        ["RateLimits:Lti:PermitLimit"] = "1000000",
    };

    public static IWebHostBuilder UseBenchSettings(this IWebHostBuilder builder, string publicBaseUrl)
    {
        foreach (var (key, value) in For(publicBaseUrl))
            builder.UseSetting(key, value);
        return builder;
    }
}
