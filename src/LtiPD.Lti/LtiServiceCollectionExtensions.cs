using LtiPD.Lti.Keys;
using LtiPD.Lti.Login;
using LtiPD.Lti.Services;
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
        services.AddSingleton<PlatformKeySetCache>();
        services.AddSingleton<Registration.DynamicRegistrationClient>();
        services.AddSingleton<ToolKeyRing>();
        services.AddSingleton<ServiceTokenClient>();
        services.AddScoped<IdTokenValidator>();
        services.AddScoped<LoginService>();
        return services;
    }
}
