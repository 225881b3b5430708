using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LtiPD.PlatformSimulator;

/// <summary>
/// A simulated platform on its own Kestrel server: http://{Host}:{random port}, endpoints at the root. For tests; dispose to stop.
/// </summary>
public sealed class PlatformSimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlatformSimulatorHost(WebApplication app, SimulatedPlatform platform, Uri baseUrl)
    {
        _app = app;
        Platform = platform;
        BaseUrl = baseUrl;
    }

    public SimulatedPlatform Platform { get; }

    public Uri BaseUrl { get; }

    public static async Task<PlatformSimulatorHost> StartAsync(SimulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new SimulatorOptions();
        var address = await ResolveAsync(options.Host, ct);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(PlatformSimulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Port 0 on the one address asked for: the OS picks a free port and nothing else on the machine is exposed.
            kestrel.Listen(address, 0);
            // Moodle's typographic-quote Link header is not ASCII; Kestrel refuses such values unless told their encoding.
            kestrel.ResponseHeaderEncodingSelector = name => name.Equals("Link", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8 : null;
        });

        var app = builder.Build();
        var platform = new SimulatedPlatform(options);
        app.MapPlatformSimulator("", platform);
        await app.StartAsync(ct);
        try
        {
            var baseUrl = BoundUrl(app, options.Host);
            platform.Attach(baseUrl);
            return new PlatformSimulatorHost(app, platform, baseUrl);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>"localhost" binds the IPv4 loopback (Kestrel cannot bind a random port for a name) but keeps the name in URLs.</summary>
    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return literal;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        var addresses = await Dns.GetHostAddressesAsync(host, ct);
        return addresses.FirstOrDefault() ?? throw new InvalidOperationException($"The simulator host '{host}' does not resolve to an address.");
    }

    /// <summary>The real URL once Kestrel has bound: the port comes from IServerAddressesFeature, the host name from the options.</summary>
    private static Uri BoundUrl(WebApplication app, string host)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel did not report its addresses.");
        var bound = new Uri(addresses.Single());
        var name = IPAddress.TryParse(host.Trim('[', ']'), out var literal) && literal.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{literal}]"
            : host;
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{name}:{bound.Port}"));
    }
}
