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

    public static IWebHostBuilder UseBenchSettings(this IWebHostBuilder builder, string publicBaseUrl) => builder
        .UseSetting("Tool:PublicBaseUrl", publicBaseUrl)
        .UseSetting("DataProtection:CertificatePath", Pfx.Value)
        .UseSetting("DataProtection:CertificatePassword", Password)
        // Every launch of the benchmark comes from one address.
        .UseSetting("RateLimits:Lti:PermitLimit", "1000000");
}
