using System.Net;

namespace LtiPD.Lti.Http;

/// <summary>The parsed <see cref="OutboundHttpOptions.PrivateAddressAllowList"/>: host names, and addresses or ranges.</summary>
internal sealed class PrivateAddressAllowList
{
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> _networks = [];

    public PrivateAddressAllowList(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            if (!TryParseEntry(entry, out var host, out var network))
                throw new ArgumentException($"'{entry}' is not a host name, an IP address or a CIDR range.", nameof(entries));
            if (host is not null)
                _hosts.Add(host);
            else
                _networks.Add(network!.Value);
        }
    }

    /// <summary>
    /// True when the host name itself is listed, or <paramref name="address"/> (in either of its forms, for IPv4-mapped ones)
    /// lies in a listed address or range.
    /// </summary>
    public bool Allows(string host, IPAddress address)
    {
        if (_hosts.Contains(host.TrimEnd('.')))
            return true;
        var normalized = AddressRanges.Normalize(address);
        return _networks.Exists(n => n.Contains(address) || n.Contains(normalized));
    }

    /// <summary>
    /// A CIDR range with its host bits zero, a full IPv4
    /// (four parts, so "10" is not read as 0.0.0.10) or IPv6 address, or a DNS host name.
    /// </summary>
    public static bool TryParseEntry(string? entry, out string? host, out IPNetwork? network)
    {
        host = null;
        network = null;
        var text = entry?.Trim() ?? "";
        if (text.Length == 0)
            return false;
        if (text.Contains('/'))
        {
            // 10.0.0.1/8 is refused rather than widened: whoever wrote it may have meant one host, not a whole network.
            if (!IPNetwork.TryParse(text, out var range) || !IPAddress.TryParse(text[..text.IndexOf('/')], out var written)
                || !written.Equals(range.BaseAddress))
                return false;
            network = range;
            return true;
        }
        var unbracketed = text.Trim('[', ']');
        if (IPAddress.TryParse(unbracketed, out var address) && (unbracketed.Contains(':') || unbracketed.Split('.').Length == 4))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }
        if (Uri.CheckHostName(text) == UriHostNameType.Dns && !text.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            host = text.TrimEnd('.');
            return true;
        }
        return false;
    }
}
