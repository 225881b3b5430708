using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Platforms;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Infrastructure;

/// <summary>A running tool and a running platform simulator, registered with each other as an LMS admin would.</summary>
public class LtiEnvironment : IAsyncLifetime
{
    public ToolFactory Tool { get; private set; } = null!;
    public PlatformSimulatorHost Simulator { get; private set; } = null!;
    public SimulatedPlatform Platform => Simulator.Platform;

    protected virtual SimulatorOptions SimulatorOptions => new();

    protected virtual string Environment => "Production";

    /// <summary>Configuration the tool starts with besides the database and the admin secret.</summary>
    protected virtual IReadOnlyDictionary<string, string>? ToolSettings => null;

    public async Task InitializeAsync()
    {
        Tool = new ToolFactory(TempFiles.NewDatabaseFile(), Environment, ToolSettings);
        Simulator = await PlatformSimulatorHost.StartAsync(SimulatorOptions);
        await RegisterAsync(Tool, Platform);
    }

    public static async Task RegisterAsync(ToolFactory tool, SimulatedPlatform platform)
    {
        platform.Tool ??= new ToolRegistration
        {
            LoginInitiationUrl = new Uri(tool.BaseUrl, "lti/login"),
            LaunchUrl = new Uri(tool.BaseUrl, "lti/launch"),
            DeepLinkingUrl = new Uri(tool.BaseUrl, "lti/deeplink"),
            JwksUrl = new Uri(tool.BaseUrl, "lti/jwks"),
        };
        await using var scope = tool.Services.CreateAsyncScope();
        var errors = await scope.ServiceProvider.GetRequiredService<PlatformCatalog>().AddAsync(new PlatformInput(
            platform.Issuer, platform.ClientId, platform.AuthUrl.AbsoluteUri, platform.TokenUrl.AbsoluteUri,
            platform.JwksUrl.AbsoluteUri, [platform.DeploymentId]), CancellationToken.None);
        Assert.Empty(errors);
    }

    public LaunchDriver Driver() => new(Tool, Platform);

    public async Task DisposeAsync()
    {
        await Simulator.DisposeAsync();
        await Tool.DisposeAsync();
    }
}
