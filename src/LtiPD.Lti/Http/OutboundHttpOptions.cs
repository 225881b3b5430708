using Microsoft.Extensions.Options;

namespace LtiPD.Lti.Http;

/// <summary>
/// The rules for every call the tool makes to a URL that a platform, a launch claim or a configuration supplied, bound from
/// the "Outbound" configuration section and validated on start (see <see cref="OutboundHttpPolicy"/> for why each exists).
/// </summary>
public sealed class OutboundHttpOptions
{
    public const string Section = "Outbound";

    /// <summary>
    /// Plain http is allowed only to a loopback address, and only when this is true. Defaults to true in the Development
    /// environment (the built-in simulator at /dev/platform answers on http://localhost) and to false everywhere else.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>
    /// Host names, IP addresses or CIDR ranges (10.0.0.0/8, fd00::/8) whose loopback, private, link-local, unique-local,
    /// shared (CGNAT) or otherwise non-public addresses may still be called outside Development: an LMS inside the
    /// university network. A host name allows every address it resolves to; an address or a range allows just those.
    /// </summary>
    public string[] PrivateAddressAllowList { get; set; } = [];

    /// <summary>The largest answer body read from a remote party, in bytes (4 MiB by default).</summary>
    public long MaxResponseBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>Refuses to start with a message naming the setting when an allow-list entry or the size cap is not usable.</summary>
internal sealed class OutboundHttpOptionsValidator : IValidateOptions<OutboundHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboundHttpOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.PrivateAddressAllowList.Length; i++)
        {
            var entry = options.PrivateAddressAllowList[i];
            if (!PrivateAddressAllowList.TryParseEntry(entry, out _, out _))
                failures.Add($"{OutboundHttpOptions.Section}:{nameof(OutboundHttpOptions.PrivateAddressAllowList)}:{i} ('{entry}') is not a host name, "
                    + "an IP address or a CIDR range with no bits set after its prefix (such as 10.0.0.0/8 or fd00::/8).");
        }
        if (options.MaxResponseBytes < 1024)
            failures.Add($"{OutboundHttpOptions.Section}:{nameof(OutboundHttpOptions.MaxResponseBytes)} must be at least 1024 bytes; a JWKS or a page of results is larger.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
