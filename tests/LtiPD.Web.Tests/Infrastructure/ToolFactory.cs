using System.Net;
using LtiPD.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Infrastructure;

/// <summary>
/// The real tool on Kestrel at 127.0.0.1 (random port) with a real SQLite file. Several factories may
/// share one database file: that is how tests stand for a restart or a second node.
/// </summary>
public sealed class ToolFactory : WebApplicationFactory<Program>
{
    public const string AdminSecret = "test-admin-secret-0123456789";

    /// <summary>
    /// The simulator answers on http://127.0.0.1, so the tool (in Production) is told that loopback http is allowed and that
    /// 127.0.0.1 is a trusted private address. A test's own settings override these; in Development they are not set.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> OutboundSettings = new Dictionary<string, string>
    {
        ["Outbound:AllowLoopbackHttp"] = "true",
        ["Outbound:PrivateAddressAllowList:0"] = "127.0.0.1",
    };

    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string>? _settings;

    public ToolFactory(string databaseFile, string environment = "Production", IReadOnlyDictionary<string, string>? settings = null)
    {
        DatabaseFile = databaseFile;
        _environment = environment;
        _settings = settings;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public string DatabaseFile { get; }

    public Uri BaseUrl => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:ConnectionString", $"Data Source={DatabaseFile}");
        builder.UseSetting("Admin:Secret", AdminSecret);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Development keeps the tool's own defaults (loopback http, any address), which the /dev/platform simulator relies on.
        var outbound = _environment == "Development" ? [] : OutboundSettings.Where(s => _settings?.ContainsKey(s.Key) != true);
        foreach (var (key, value) in outbound.Concat(_settings ?? new Dictionary<string, string>()))
            builder.UseSetting(key, value);
    }

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

public static class TempFiles
{
    public static string NewDatabaseFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ltipd-tests");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $"{Guid.NewGuid():N}.db");
    }
}
