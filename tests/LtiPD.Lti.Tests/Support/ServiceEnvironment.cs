using System.Net;
using System.Text.Json;
using LtiPD.Lti.DeepLinking;
using LtiPD.Lti.Keys;
using LtiPD.Lti.Messages;
using LtiPD.Lti.Platforms;
using LtiPD.Lti.Services;
using LtiPD.Lti.Services.Ags;
using LtiPD.Lti.Services.Nrps;
using LtiPD.PlatformSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LtiPD.Lti.Tests.Support;

/// <summary>
/// The tool's protocol services (built by <see cref="LtiServiceCollectionExtensions.AddLtiProtocol"/>) and a running platform
/// simulator, registered with each other as an LMS admin would. The tool's JWKS is served over real HTTP on 127.0.0.1,
/// because the simulator verifies client assertions and deep-linking responses against the JWKS URL it was given.
/// </summary>
public sealed class ServiceEnvironment : IAsyncDisposable
{
    private readonly WebApplication _toolJwks;
    private readonly ServiceProvider _services;

    private ServiceEnvironment(WebApplication toolJwks, ServiceProvider services, PlatformSimulatorHost simulator, PlatformRegistration registration)
    {
        _toolJwks = toolJwks;
        _services = services;
        Simulator = simulator;
        Registration = registration;
    }

    public PlatformSimulatorHost Simulator { get; }

    public SimulatedPlatform Platform => Simulator.Platform;

    /// <summary>The platform as the tool has it registered.</summary>
    public PlatformRegistration Registration { get; }

    public IServiceProvider Services => _services;

    public AgsClient Ags => _services.GetRequiredService<AgsClient>();

    public NrpsClient Nrps => _services.GetRequiredService<NrpsClient>();

    public DeepLinkingResponseBuilder DeepLinking => _services.GetRequiredService<DeepLinkingResponseBuilder>();

    public ToolKeyRing Keys => _services.GetRequiredService<ToolKeyRing>();

    public static async Task<ServiceEnvironment> StartAsync(
        PlatformFlavor flavor = PlatformFlavor.Moodle, Action<SimulatorOptions>? simulator = null, Action<IServiceCollection>? tool = null)
    {
        var services = new ServiceCollection();
        // The simulator answers on http://127.0.0.1: the tool's outbound policy must be told it is a trusted LMS.
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outbound:AllowLoopbackHttp"] = "true",
            ["Outbound:PrivateAddressAllowList:0"] = "127.0.0.1",
        }).Build());
        services.AddLogging();
        services.AddSingleton<IToolKeyStore, InMemoryToolKeyStore>();
        services.AddLtiProtocol();
        tool?.Invoke(services);
        var provider = services.BuildServiceProvider();
        var keys = provider.GetRequiredService<ToolKeyRing>();
        await keys.EnsureKeyAsync(CancellationToken.None);

        var (jwks, toolBase) = await StartJwksHostAsync(keys);
        var options = new SimulatorOptions { Flavor = flavor };
        simulator?.Invoke(options);
        var host = await PlatformSimulatorHost.StartAsync(options);
        host.Platform.Tool = new ToolRegistration
        {
            LoginInitiationUrl = new Uri(toolBase, "lti/login"),
            LaunchUrl = new Uri(toolBase, "lti/launch"),
            DeepLinkingUrl = new Uri(toolBase, "lti/deeplink"),
            JwksUrl = new Uri(toolBase, "lti/jwks"),
        };
        var platform = host.Platform;
        var registration = new PlatformRegistration(
            platform.Issuer, platform.ClientId, platform.AuthUrl, platform.TokenUrl, platform.JwksUrl, [platform.DeploymentId]);
        return new ServiceEnvironment(jwks, provider, host, registration);
    }

    /// <summary>A deep-linking launch as the tool would hold it after validation, from the claims the simulator sends.</summary>
    public LtiLaunch DeepLinkingLaunch(Func<DeepLinkingSettingsClaim, DeepLinkingSettingsClaim>? change = null)
    {
        var draft = Platform.DraftIdToken(Platform.Designer, Guid.NewGuid().ToString("N"), LaunchKind.DeepLinking);
        var json = JsonSerializer.Serialize(draft.Claims);
        var message = JsonSerializer.Deserialize(json, LtiMessageJsonContext.Default.LtiMessage)!;
        if (change is not null)
            message = message with { DeepLinkingSettings = change(message.DeepLinkingSettings!) };
        return new LtiLaunch(Registration, message, json);
    }

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        await _toolJwks.StopAsync();
        await _toolJwks.DisposeAsync();
        await _services.DisposeAsync();
    }

    private static async Task<(WebApplication App, Uri BaseUrl)> StartJwksHostAsync(ToolKeyRing keys)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/lti/jwks", async (CancellationToken ct) => Results.Text(await keys.GetJwksJsonAsync(ct), "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new Uri(address));
    }
}
