using System.Net;

namespace LtiPD.Lti.Http;

/// <summary>What kind of address an IP address is, for the outbound policy: only <see cref="Public"/> is reachable by default.</summary>
public enum AddressKind
{
    Public,

    /// <summary>127.0.0.0/8, ::1: the tool's own machine.</summary>
    Loopback,

    /// <summary>10/8, 172.16/12, 192.168/16 (RFC 1918).</summary>
    Private,

    /// <summary>169.254/16, fe80::/10: where cloud metadata services answer (169.254.169.254).</summary>
    LinkLocal,

    /// <summary>fc00::/7 (RFC 4193), and the deprecated site-local fec0::/10.</summary>
    UniqueLocal,

    /// <summary>100.64/10, carrier-grade NAT (RFC 6598).</summary>
    SharedAddressSpace,

    /// <summary>0.0.0.0/8 and ::: "this host", which many stacks connect to the local machine.</summary>
    Unspecified,

    /// <summary>224/4, ff00::/8.</summary>
    Multicast,

    /// <summary>Documentation, benchmarking, protocol and future-use ranges, broadcast, Teredo and local NAT64: no LMS lives there.</summary>
    Reserved,
}

/// <summary>
/// Classifies addresses by the IANA special-purpose registries (RFC 6890 and its updates). IPv6 forms that carry an IPv4
/// address to a gateway (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4 address they
/// carry, so ::ffff:127.0.0.1 is loopback and 64:ff9b::a00:1 private.
/// </summary>
public static class AddressRanges
{
    private static readonly (IPNetwork Network, AddressKind Kind)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), AddressKind.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), AddressKind.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressKind.SharedAddressSpace),
        (IPNetwork.Parse("127.0.0.0/8"), AddressKind.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressKind.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressKind.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("192.0.2.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("192.88.99.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("192.168.0.0/16"), AddressKind.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressKind.Reserved),
        (IPNetwork.Parse("198.51.100.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("203.0.113.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("224.0.0.0/4"), AddressKind.Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressKind.Reserved),
    ];

    private static readonly (IPNetwork Network, AddressKind Kind)[] V6 =
    [
        (IPNetwork.Parse("::/128"), AddressKind.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressKind.Loopback),
        // IPv4-compatible addresses (deprecated by RFC 4291 §2.5.5.1) and the discard prefix.
        (IPNetwork.Parse("::/96"), AddressKind.Reserved),
        (IPNetwork.Parse("100::/64"), AddressKind.Reserved),
        (IPNetwork.Parse("64:ff9b:1::/48"), AddressKind.Reserved),
        // Teredo hides its IPv4 server and client addresses (obfuscated), so it cannot be judged by them.
        (IPNetwork.Parse("2001::/32"), AddressKind.Reserved),
        (IPNetwork.Parse("2001:db8::/32"), AddressKind.Reserved),
        (IPNetwork.Parse("fc00::/7"), AddressKind.UniqueLocal),
        (IPNetwork.Parse("fe80::/10"), AddressKind.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressKind.UniqueLocal),
        (IPNetwork.Parse("ff00::/8"), AddressKind.Multicast),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
            return Classify(address.MapToIPv4());
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            if (Nat64.Contains(address))
                return Classify(new IPAddress(bytes.AsSpan(12, 4)));
            if (SixToFour.Contains(address))
                return Classify(new IPAddress(bytes.AsSpan(2, 4)));
            return Find(V6, address);
        }
        return Find(V4, address);
    }

    /// <summary>The address in the form the ranges and allow-list are written in: IPv4-mapped IPv6 becomes plain IPv4.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static AddressKind Find((IPNetwork Network, AddressKind Kind)[] ranges, IPAddress address)
    {
        foreach (var (network, kind) in ranges)
        {
            if (network.Contains(address))
                return kind;
        }
        return AddressKind.Public;
    }
}
