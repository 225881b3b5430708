using LtiPD.PlatformSimulator.Endpoints;
using LtiPD.PlatformSimulator.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LtiPD.PlatformSimulator;

/// <summary>Maps the simulated platform's endpoints into any ASP.NET Core app.</summary>
public static class SimulatorEndpoints
{
    /// <summary>
    /// Maps every platform endpoint under <paramref name="prefix"/> ("" for the root, or e.g. "/dev/platform"). When the host has
    /// not called <see cref="SimulatedPlatform.Attach"/>, the first request tells the platform its base URL.
    /// </summary>
    /// <returns>The group of endpoints, for conventions such as AllowAnonymous.</returns>
    public static IEndpointConventionBuilder MapPlatformSimulator(this IEndpointRouteBuilder app, string prefix, SimulatedPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(platform);
        var normalized = prefix.Trim('/') is { Length: > 0 } trimmed ? "/" + trimmed : "";
        var group = app.MapGroup(normalized);
        var http = new SimulatorHttp(platform, normalized);

        group.MapGet("/", http.Page(PlatformPages.Index));
        group.MapGet("/launch", http.Page(LaunchPage.Render));
        group.MapGet("/return", http.Page(PlatformPages.Return));
        group.MapGet("/register-tool", http.Page(PlatformPages.RegisterTool));
        group.MapGet("/jwks", http.Recorded(RecordedCallKind.Jwks, faultable: false, request =>
            new SimResponse(StatusCodes.Status200OK, request.Platform.JwksJson(), Protocol.LtiMediaTypes.Json)));
        AuthEndpoint.Map(group, http);
        TokenEndpoint.Map(group, http);
        AgsEndpoints.Map(group, http);
        NrpsEndpoints.Map(group, http);
        RegistrationEndpoints.Map(group, http);
        DeepLinkingEndpoint.Map(group, http);
        return group;
    }
}
