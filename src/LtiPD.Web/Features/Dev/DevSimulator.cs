using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Platforms;
using LtiPD.Web.Hosting;

namespace LtiPD.Web.Features.Dev;

/// <summary>
/// Development only: the platform simulator served by the tool itself under /dev/platform and registered
/// automatically, so a newcomer sees a real LTI 1.3 launch (OIDC login, signed id_token, validation)
/// without installing an LMS. In any other environment none of this is mapped or registered.
/// </summary>
public static class DevSimulator
{
    public const string Prefix = "/dev/platform";
    public const string ClientId = "ltipd-dev";

    public static WebApplicationBuilder AddDevSimulator(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
            builder.Services.AddSingleton(new SimulatedPlatform(new SimulatorOptions { ClientId = ClientId }));
        return builder;
    }

    public static WebApplication MapDevSimulator(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            app.MapPlatformSimulator(Prefix, app.Services.GetRequiredService<SimulatedPlatform>());
        return app;
    }

    /// <summary>Attaches the simulator at this tool's own address and registers each side with the other.</summary>
    public static async Task<SimulatedPlatform> EnsureRegisteredAsync(HttpRequest request, CancellationToken ct)
    {
        var platform = request.HttpContext.RequestServices.GetRequiredService<SimulatedPlatform>();
        var urls = ToolUrls.For(request);
        platform.Attach(new Uri(urls.BaseUrl, Prefix.TrimStart('/')));
        platform.Tool ??= new ToolRegistration
        {
            LoginInitiationUrl = urls.Login,
            LaunchUrl = urls.Launch,
            DeepLinkingUrl = urls.DeepLinking,
            JwksUrl = urls.Jwks,
        };
        var catalog = request.HttpContext.RequestServices.GetRequiredService<PlatformCatalog>();
        var errors = await catalog.AddAsync(new PlatformInput(platform.Issuer, platform.ClientId, platform.AuthUrl.AbsoluteUri,
            platform.TokenUrl.AbsoluteUri, platform.JwksUrl.AbsoluteUri, [platform.DeploymentId], "Built-in platform simulator"), ct);
        if (errors.Count > 0)
            throw new InvalidOperationException("The development simulator could not be registered: " + string.Join("; ", errors.Select(e => e.Message)));
        return platform;
    }
}
