using System.Text;
using LtiPD.Lti.DeepLinking;
using LtiPD.Lti.Keys;
using LtiPD.Lti.Login;
using LtiPD.Lti.Services;
using LtiPD.Lti.Services.Ags;
using LtiPD.Lti.Services.Nrps;
using LtiPD.Lti.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LtiPD.Lti;

public static class LtiServiceCollectionExtensions
{
    /// <summary>
    /// The LTI protocol services. Storage (<see cref="Platforms.IPlatformRegistry"/>, <see cref="INonceStore"/>,
    /// <see cref="IPendingLoginStore"/>, <see cref="IToolKeyStore"/>) is registered by the host.
    /// </summary>
    public static IServiceCollection AddLtiProtocol(this IServiceCollection services)
    {
        services.AddOptions<LtiOptions>().BindConfiguration(LtiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(PlatformKeySetCache.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(ServiceTokenClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(Registration.DynamicRegistrationClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        // A score or a line item is one small request; 30 s is far beyond a healthy LMS and short enough that a hung one
        // frees the dispatcher. A membership page of a large course can take Canvas or Moodle much longer to assemble.
        services.AddHttpClient(AgsClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(ServiceHandler);
        services.AddHttpClient(NrpsClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(90))
            .ConfigurePrimaryHttpMessageHandler(ServiceHandler);
        services.AddSingleton<PlatformKeySetCache>();
        services.AddSingleton<Registration.DynamicRegistrationClient>();
        services.AddSingleton<ToolKeyRing>();
        services.AddSingleton<ServiceTokenClient>();
        services.AddSingleton<AgsClient>();
        services.AddSingleton<NrpsClient>();
        services.AddSingleton<DeepLinkingResponseBuilder>();
        services.AddScoped<IdTokenValidator>();
        services.AddScoped<LoginService>();
        return services;
    }

    /// <summary>
    /// Moodle writes its paging header as <c>rel=“next”</c>, which is not ASCII; decoding Link as UTF-8 keeps that (and any
    /// non-ASCII URL in it) readable instead of Latin-1 mojibake. The paging code copes with either.
    /// </summary>
    private static SocketsHttpHandler ServiceHandler() => new()
    {
        ResponseHeaderEncodingSelector = (name, _) => name.Equals("Link", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8 : null,
    };
}
