using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;

namespace LtiPD.Benchmarks;

/// <summary>What the tool requires in Production besides the database: its public address and a Data Protection certificate.</summary>
internal static class BenchSettings
{
    private const string Password = "bench-pfx-password";

    /// <summary>
    /// One certificate for every run on this machine, kept in the temp folder: the Data Protection keys a run writes into its
    /// database are encrypted with it, so a database seeded by one run (<c>development … only-seed</c>) can be measured by
    /// another (<c>seeded</c>) only if both have it.
    /// </summary>
    private static readonly Lazy<string> Pfx = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "ltipd-bench-dataprotection.pfx");
        if (File.Exists(path))
            return path;
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=LtiPD bench Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        // Written under another name and moved into place, so two runs starting at once never read half a file.
        var written = path + "." + Guid.NewGuid().ToString("N");
        File.WriteAllBytes(written, certificate.Export(X509ContentType.Pfx, Password));
        try
        {
            File.Move(written, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(written); // another run put its certificate there first: use that one
        }
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

    /// <summary>
    /// Removes a run's SQLite database with what SQLite and Hangfire keep beside it (write-ahead log, shared memory, the
    /// jobs' own file), so that runs do not fill the temp folder. The tool must be stopped first.
    /// </summary>
    public static void DeleteSqlite(string database)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var jobs = Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + ".hangfire.db");
        foreach (var file in new[] { database, database + "-wal", database + "-shm", jobs, jobs + "-wal", jobs + "-shm" })
            File.Delete(file);
    }

    public static IWebHostBuilder UseBenchSettings(this IWebHostBuilder builder, string publicBaseUrl)
    {
        foreach (var (key, value) in For(publicBaseUrl))
            builder.UseSetting(key, value);
        return builder;
    }
}
