using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LtiPD.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LtiPD.Web.Tests.Infrastructure;

/// <summary>
/// The real tool on Kestrel at 127.0.0.1 (a free port, which is also its Tool:PublicBaseUrl) with a real SQLite file
/// and the test run's Data Protection certificate. Several factories may share one database file: that is how tests
/// stand for a restart or a second node.
/// </summary>
public sealed class ToolFactory : WebApplicationFactory<Program>
{
    public const string AdminSecret = "test-admin-secret-0123456789";

    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string>? _settings;
    private readonly ILoggerProvider? _logs;
    private readonly bool _labOutbound;
    private readonly int _port = FreePort();

    /// <param name="settings">Configuration besides the defaults below; a key given here wins.</param>
    /// <param name="logs">A logger provider that receives the tool's log entries besides its console.</param>
    /// <param name="labOutbound">False: the outbound policy as shipped (https only, no private address), without the defaults'
    /// loopback exceptions that let the tool reach the simulator.</param>
    public ToolFactory(string databaseFile, string environment = "Production", IReadOnlyDictionary<string, string>? settings = null,
        ILoggerProvider? logs = null, bool labOutbound = true)
    {
        DatabaseFile = databaseFile;
        _environment = environment;
        _labOutbound = labOutbound;
        _settings = settings;
        _logs = logs;
        UseKestrel(o => o.Listen(IPAddress.Loopback, _port));
        StartServer();
    }

    public string DatabaseFile { get; }

    public Uri BaseUrl => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");

    /// <summary>The settings every test tool starts with; a process started by a test is given the same.</summary>
    public static Dictionary<string, string> DefaultSettings(Uri publicBaseUrl) => new()
    {
        ["Tool:PublicBaseUrl"] = publicBaseUrl.AbsoluteUri.TrimEnd('/'),
        ["Admin:Secret"] = AdminSecret,
        ["DataProtection:CertificatePath"] = TestCertificate.PfxPath,
        ["DataProtection:CertificatePassword"] = TestCertificate.Password,
        ["Logging:LogLevel:Default"] = "Warning",
        // Every simulated user of every test comes from 127.0.0.1, where a real LMS's users come from many addresses;
        // the rate-limit tests set their own limits.
        ["RateLimits:Lti:PermitLimit"] = "1000000",
        ["RateLimits:Registration:PermitLimit"] = "1000000",
        ["RateLimits:AdminSignIn:PermitLimit"] = "1000000",
        // The simulator and the other peers answer on http://127.0.0.1: a lab, as far as the outbound policy goes.
        ["Outbound:AllowLoopbackHttp"] = "true",
        ["Outbound:PrivateAddressAllowList:0"] = "127.0.0.1",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:ConnectionString", $"Data Source={DatabaseFile}");
        // Development keeps the tool's own outbound defaults (loopback http, any address), which /dev/platform relies on.
        foreach (var (key, value) in DefaultSettings(new Uri($"http://127.0.0.1:{_port}"))
                     .Where(s => (_environment != "Development" && _labOutbound) || !s.Key.StartsWith("Outbound:", StringComparison.Ordinal)))
            builder.UseSetting(key, value);
        foreach (var (key, value) in _settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        if (_logs is not null)
            builder.ConfigureLogging(logging => logging.AddProvider(_logs));
    }

    /// <summary>
    /// A port nobody listens on now. (Kestrel is told the port up front: it is also the public base URL.) Taken below the
    /// kernel's ephemeral range (32768 and up on Linux), never from it: a port the kernel hands out for "port 0" is also its pick
    /// for the local end of the next outgoing connection, and the many connections the tests open took one between this check
    /// and Kestrel's bind ("address already in use"). Each process starts at its own random place in the range, so parallel
    /// test processes do not walk the same ports.
    /// </summary>
    public static int FreePort()
    {
        for (var tries = 0; tries < 1000; tries++)
        {
            var port = LowPortFirst + (int)((uint)Interlocked.Increment(ref s_lastPort) % LowPortCount);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: the next one.
            }
        }
        throw new InvalidOperationException("No free port below the ephemeral range.");
    }

    private const int LowPortFirst = 20000;
    private const int LowPortCount = 12000;
    private static int s_lastPort = Random.Shared.Next(LowPortCount);

    /// <summary>A client with no cookie jar of its own and no automatic redirects: tests see every hop.</summary>
    public HttpClient CreateRawClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = BaseUrl,
        };

    public async Task<T> WithDbAsync<T>(Func<LtiPdDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<LtiPdDbContext>());
    }

    public Task<int> CountSessionsAsync() => WithDbAsync(db => db.LaunchSessions.CountAsync());
}

/// <summary>
/// The Data Protection certificate of this test run: a self-signed RSA certificate made once and written as a
/// password-protected PFX file, as an operator would with openssl (deploy/README.md).
/// </summary>
public static class TestCertificate
{
    public const string Password = "test-pfx-password";

    private static readonly Lazy<string> Pfx = new(() => Write(Create(), Password));

    public static string PfxPath => Pfx.Value;

    public static X509Certificate2 Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=LtiPD test Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>Writes <paramref name="certificate"/> as a PFX (with its private key when it has one) to a new temp file.</summary>
    public static string Write(X509Certificate2 certificate, string password)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ltipd-tests");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}

public static class TempFiles
{
    public static string NewDatabaseFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ltipd-tests");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $"{Guid.NewGuid():N}.db");
    }
}
