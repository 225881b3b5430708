using System.Text;
using LtiPD.Lti.DeepLinking;
using LtiPD.Lti.Http;
using LtiPD.Lti.Keys;
using LtiPD.Lti.Login;
using LtiPD.Lti.Services;
using LtiPD.Lti.Services.Ags;
using LtiPD.Lti.Services.Nrps;
using LtiPD.Lti.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LtiPD.Lti;

public static class LtiServiceCollectionExtensions
{
    /// <summary>
    /// The LTI protocol services. Storage (<see cref="Platforms.IPlatformRegistry"/>, <see cref="INonceStore"/>,
    /// <see cref="IToolKeyStore"/>) and Data Protection's key ring (<see cref="PendingLogins"/>) are the host's.
    /// </summary>
    public static IServiceCollection AddLtiProtocol(this IServiceCollection services)
    {
        services.AddOptions<LtiOptions>().BindConfiguration(LtiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Development's default is set before the section is bound, so an explicit Outbound:AllowLoopbackHttp still wins.
        services.AddOptions<OutboundHttpOptions>()
            .Configure<IServiceProvider>((o, sp) => o.AllowLoopbackHttp = sp.GetService<IHostEnvironment>()?.IsDevelopment() == true)
            .BindConfiguration(OutboundHttpOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboundHttpOptions>, OutboundHttpOptionsValidator>());
        services.TryAddSingleton<OutboundHttpPolicy>();
        // Every client below calls URLs a platform, a launch or a configuration chose, so each goes through the outbound policy.
        services.AddHttpClient(PlatformKeySetCache.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10)).WithOutboundPolicy();
        services.AddHttpClient(ServiceTokenClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).WithOutboundPolicy();
        services.AddHttpClient(Registration.DynamicRegistrationClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15)).WithOutboundPolicy();
        // A score or a line item is one small request; 30 s is far beyond a healthy LMS and short enough that a hung one
        // frees the dispatcher. A membership page of a large course can take Canvas or Moodle much longer to assemble.
        services.AddHttpClient(AgsClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).WithOutboundPolicy(LinkAsUtf8);
        services.AddHttpClient(NrpsClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(90)).WithOutboundPolicy(LinkAsUtf8);
        services.AddSingleton<PlatformKeySetCache>();
        services.AddSingleton<Registration.DynamicRegistrationClient>();
        services.AddSingleton<ToolKeyRing>();
        services.AddSingleton<ServiceTokenClient>();
        services.AddSingleton<AgsClient>();
        services.AddSingleton<NrpsClient>();
        services.AddSingleton<DeepLinkingResponseBuilder>();
        services.AddScoped<IdTokenValidator>();
        services.AddSingleton<PendingLogins>();
        services.AddScoped<LoginService>();
        return services;
    }

    /// <summary>The primary handler of <paramref name="builder"/>'s clients is the outbound policy's chain.</summary>
    private static IHttpClientBuilder WithOutboundPolicy(this IHttpClientBuilder builder, HeaderEncodingSelector<HttpRequestMessage>? responseHeaderEncoding = null) =>
        builder.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<OutboundHttpPolicy>().CreateHandler(responseHeaderEncoding));

    /// <summary>
    /// Moodle writes its paging header as <c>rel=“next”</c>, which is not ASCII; decoding Link as UTF-8 keeps that (and any
    /// non-ASCII URL in it) readable instead of Latin-1 mojibake. The paging code copes with either.
    /// </summary>
    private static Encoding? LinkAsUtf8(string name, HttpRequestMessage request) =>
        name.Equals("Link", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8 : null;
}
