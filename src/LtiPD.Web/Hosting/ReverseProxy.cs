using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Hosting;

/// <summary>Bound from "ForwardedHeaders": the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. 10.0.0.5 or ::1.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. 172.31.250.0/24.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// The tool behind a reverse proxy: which proxy's forwarded headers count, which Host names are answered, and the
/// public base URL every announced URL is built from.
/// </summary>
public static class ReverseProxy
{
    public static WebApplicationBuilder AddReverseProxy(this WebApplicationBuilder builder)
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED adds the framework's own forwarded-headers middleware, which trusts every
        // sender, in front of ours: the headers would be read twice and a client's X-Forwarded-For would win.
        if (builder.Configuration.GetValue<bool>("FORWARDEDHEADERS_ENABLED"))
            throw new OptionsValidationException(ProxyOptions.Section, typeof(ProxyOptions),
            [
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED must not be set: it trusts forwarded headers from anyone. LtiPD reads them itself, " +
                "only from the proxies named in ForwardedHeaders:KnownProxies / ForwardedHeaders:KnownNetworks.",
            ]);

        var proxies = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        var knownProxies = proxies.KnownProxies.Select((p, i) => IPAddress.TryParse(p, out var address)
            ? address
            : throw Refuse($"ForwardedHeaders:KnownProxies:{i} is '{p}', which is not an IP address.")).ToList();
        var knownNetworks = proxies.KnownNetworks.Select((n, i) => System.Net.IPNetwork.TryParse(n, out var network)
            ? network
            : throw Refuse($"ForwardedHeaders:KnownNetworks:{i} is '{n}', which is not a CIDR range such as 172.31.250.0/24.")).ToList();

        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // X-Forwarded-Host is not read: every URL the tool announces comes from Tool:PublicBaseUrl, never from the request.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Exactly the proxies the settings name. The framework's default trusts loopback; we clear it so that
            // no setting means no proxy (and UseTrustedForwardedHeaders then leaves the middleware out): the rate
            // limits see the real peer, whatever X-Forwarded-For says. A proxy on the same host (nginx on 127.0.0.1)
            // is named like any other.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in knownProxies)
                o.KnownProxies.Add(proxy);
            foreach (var network in knownNetworks)
                o.KnownIPNetworks.Add(network);
            // Walk X-Forwarded-For from the right while the sender is a trusted proxy, so a chain of trusted proxies
            // (a load balancer, then nginx) yields the client, and the first untrusted hop ends the walk.
            o.ForwardLimit = null;
        });

        // "AllowedHosts": "*" (or nothing) means: the host of Tool:PublicBaseUrl when that is set. A request for any
        // other Host is answered 400 before the tool sees it.
        builder.Services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<ToolOptions>>((hosts, tool) =>
        {
            if (hosts.AllowedHosts is { Count: > 0 } allowed && !allowed.All(h => h is "*" or ""))
                return;
            if (Uri.TryCreate(tool.Value.PublicBaseUrl, UriKind.Absolute, out var publicUrl))
                hosts.AllowedHosts = [publicUrl.IdnHost];
        });
        return builder;
    }

    /// <summary>
    /// The forwarded-headers middleware, only when a proxy is named: with both lists empty the middleware believes
    /// every sender, so "no proxy" must mean "no middleware".
    /// </summary>
    public static WebApplication UseTrustedForwardedHeaders(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
            app.UseForwardedHeaders();
        return app;
    }

    private static OptionsValidationException Refuse(string message) => new(ProxyOptions.Section, typeof(ProxyOptions), [message]);
}
