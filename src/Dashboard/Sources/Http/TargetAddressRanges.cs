using System.Net;
using System.Net.Sockets;

namespace Dashboard.Sources.Http;

/// <summary>Classifies an address a source might connect to. Cloud-metadata endpoints are named one by one (some sit
/// in public space, e.g. Azure's 168.63.129.16); the other kinds are whole ranges that reach this host or its network.
/// IPv4-mapped (<c>::ffff:a.b.c.d</c>) and NAT64 (<c>64:ff9b::a.b.c.d</c>) forms count as the IPv4 address they carry.</summary>
public static class TargetAddressRanges
{
    public const string Metadata = "cloud-metadata";

    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), // AWS, GCP, Azure IMDS, OpenStack, Oracle, DigitalOcean
        IPAddress.Parse("169.254.170.2"), // AWS ECS task credentials
        IPAddress.Parse("169.254.170.23"), // AWS EKS pod identity
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud
        IPAddress.Parse("168.63.129.16"), // Azure WireServer
        IPAddress.Parse("fd00:ec2::254"), // AWS IMDS over IPv6
        IPAddress.Parse("fd00:ec2::23"), // AWS EKS pod identity over IPv6
        IPAddress.Parse("fd20:ce::254"), // GCP metadata over IPv6
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private static readonly (IPNetwork Range, string Kind)[] Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (CGNAT)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("fc00::/7"), "unique-local"),
    ];

    /// <summary><see cref="Metadata"/>, another kind ("loopback", "private", …) for an address on this host or its
    /// network, or null for a public address.</summary>
    public static string? Classify(IPAddress address)
    {
        address = Canonical(address);
        if (MetadataAddresses.Contains(address))
        {
            return Metadata;
        }

        foreach (var (range, kind) in Ranges)
        {
            if (range.Contains(address))
            {
                return kind;
            }
        }

        return null;
    }

    public static bool IsMetadata(IPAddress address) => Classify(address) == Metadata;

    /// <summary>The IPv4 address an IPv4-mapped or NAT64 IPv6 address carries (that is what it reaches), else the address
    /// itself without a scope id.</summary>
    public static IPAddress Canonical(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (Nat64.Contains(address))
            {
                return new IPAddress(address.GetAddressBytes()[12..]);
            }

            if (address.ScopeId != 0)
            {
                return new IPAddress(address.GetAddressBytes());
            }
        }

        return address;
    }
}
