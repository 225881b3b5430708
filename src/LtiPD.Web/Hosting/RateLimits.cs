using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Hosting;

/// <summary>So many requests per window, per client address.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>Bound from "RateLimits". Every limit counts per client address, after the trusted proxy's X-Forwarded-For is applied.</summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimits";

    /// <summary>
    /// Login initiations, and separately launches (with deep-linking launches and their confirmations). Generous: an
    /// LMS's users come from their own addresses, but a campus NAT puts many of them behind one.
    /// </summary>
    public RateLimit Lti { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Dynamic registration starts: each one makes the tool call out to the LMS, so they are few.</summary>
    public RateLimit Registration { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Wrong admin secrets only: loading the sign-in page or the admin pages is never counted.</summary>
    public RateLimit AdminSignIn { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, limit) in new[] { (nameof(Lti), Lti), (nameof(Registration), Registration), (nameof(AdminSignIn), AdminSignIn) })
        {
            if (limit.PermitLimit is < 1 or > 1_000_000)
                yield return new ValidationResult($"{Section}:{name}:PermitLimit must be between 1 and 1000000 (it is {limit.PermitLimit}).", [name]);
            if (limit.Window < TimeSpan.FromSeconds(1) || limit.Window > TimeSpan.FromDays(1))
                yield return new ValidationResult($"{Section}:{name}:Window must be between 00:00:01 and 1.00:00:00 (it is {limit.Window}).", [name]);
        }
    }
}

/// <summary>The rate limits on the endpoints anyone on the internet can call without a session.</summary>
public static class RateLimits
{
    /// <summary>The stable code of every rate-limit refusal.</summary>
    public const string Code = "rate_limited";

    private const string LtiLogin = "lti-login";
    private const string LtiLaunch = "lti-launch";
    private const string Registration = "lti-register";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AdminSignInThrottle>();
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(LtiLogin, context => PerAddress(context, options => options.Lti));
            o.AddPolicy(LtiLaunch, context => PerAddress(context, options => options.Lti));
            o.AddPolicy(Registration, context => PerAddress(context, options => options.Registration));
            o.OnRejected = (rejected, ct) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                return WriteRefusalAsync(rejected.HttpContext, retryAfter, ct);
            };
        });
        return builder;
    }

    /// <summary>Puts each limited page's policy on its endpoints (the launch page also answers /lti/deeplink).</summary>
    public static TBuilder WithRateLimits<TBuilder>(this TBuilder pages) where TBuilder : IEndpointConventionBuilder
    {
        pages.Add(endpoint =>
        {
            var policy = endpoint.DisplayName switch
            {
                "/Lti/Login" => LtiLogin,
                // The confirmation finishes a launch whose state cookie did not come back.
                "/Lti/Launch" or "/Lti/Confirm" => LtiLaunch,
                "/Registration/Register" => Registration,
                _ => null,
            };
            if (policy is not null)
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(policy));
        });
        return pages;
    }

    /// <summary>
    /// The address the limits count: the connection's peer, or the client a trusted proxy named. An IPv6 client counts
    /// as its /64: one subscriber usually holds a whole /64 and could otherwise take a fresh address for every try.
    /// </summary>
    public static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, Func<RateLimitOptions, RateLimit> pick)
    {
        var limit = pick(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        });
    }

    /// <summary>The tool's refusal page in the reader's language, with status 429 and Retry-After.</summary>
    private static async ValueTask WriteRefusalAsync(HttpContext context, TimeSpan retryAfter, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var t = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await RefusalPage.WriteAsync(context, new Refusal(Code, t["RateLimited.Message", seconds], StatusCodes.Status429TooManyRequests), ct);
    }
}

/// <summary>
/// Counts wrong admin secrets per client address. Only a wrong secret spends the allowance, so an administrator who
/// reloads the sign-in page or the admin pages is never locked out, while guessing stops after a few tries.
/// </summary>
public sealed class AdminSignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public AdminSignInThrottle(IOptions<RateLimitOptions> options)
    {
        var limit = options.Value.AdminSignIn;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));
    }

    /// <summary>When this address has used up its wrong secrets: how long until it may try again.</summary>
    public TimeSpan? LockedFor(HttpContext context)
    {
        // Asking for zero permits reports whether any are left without spending one.
        using var lease = _failures.AttemptAcquire(RateLimits.ClientAddress(context), 0);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    public void RecordFailure(HttpContext context)
    {
        using var lease = _failures.AttemptAcquire(RateLimits.ClientAddress(context));
    }

    public void Dispose() => _failures.Dispose();
}
