using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace LtiPD.Lti.Tests.Http;

/// <summary>
/// A remote party on Kestrel at 127.0.0.1 that answers the ways a hostile or broken LMS might: a redirect, a body over the size
/// cap with and without Content-Length. It records the paths it was asked for.
/// </summary>
public sealed class OutboundServer : IAsyncDisposable
{
    public const int Cap = 4096;

    private readonly WebApplication _app;

    private OutboundServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri Url(string path, string host = "127.0.0.1", string scheme = "http") => new($"{scheme}://{host}:{Port}/{path.TrimStart('/')}");

    public static async Task<OutboundServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        OutboundServer? server = null;
        app.Use((context, next) =>
        {
            server!.Requests.Enqueue(context.Request.Path.Value ?? "");
            return next(context);
        });
        app.MapGet("/redirect", () => Results.Redirect("/target"));
        app.MapGet("/target", () => Results.Text("the redirect was followed"));
        app.MapGet("/small", () => Results.Text("small answer"));
        app.MapGet("/announced/{size:int}", async (int size, HttpContext http) =>
        {
            http.Response.ContentLength = size;
            await http.Response.Body.WriteAsync(new byte[size]);
        });
        app.MapGet("/chunked/{size:int}", async (int size, HttpContext http) =>
        {
            // No Content-Length: Kestrel sends it chunked, in pieces, as a streaming LMS would.
            var piece = new byte[1000];
            for (var sent = 0; sent < size; sent += piece.Length)
            {
                await http.Response.Body.WriteAsync(piece.AsMemory(0, Math.Min(piece.Length, size - sent)));
                await http.Response.Body.FlushAsync();
            }
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        server = new OutboundServer(app, address.Port);
        return server;
    }

    /// <summary>The tool's protocol services with <paramref name="settings"/> in the given environment.</summary>
    public static ServiceProvider Tool(string environment, params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Outbound:MaxResponseBytes"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment });
        services.AddLogging();
        services.AddLtiProtocol();
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
