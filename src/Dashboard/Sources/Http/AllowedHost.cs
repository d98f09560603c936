using System.Globalization;
using System.Net;

namespace Dashboard.Sources.Http;

/// <summary>One <c>Dashboard:Admin:AllowedHosts</c> entry: a host name or address, with an optional port
/// (<c>db.internal:8443</c>, <c>127.0.0.1:5612</c>, <c>[::1]:8080</c>). Without a port it opens the web's default ports
/// only (80 and 443), never every service of that host.</summary>
public sealed record AllowedHost(string Host, int? Port)
{
    public static readonly IReadOnlyList<int> DefaultPorts = [80, 443];

    private readonly IPAddress? address = IPAddress.TryParse(Host, out var parsed) ? TargetAddressRanges.Canonical(parsed) : null;

    /// <summary>The entry, or null when it is not <c>host</c>, <c>host:port</c>, an IPv6 address or <c>[ipv6]:port</c>
    /// (port 1–65535).</summary>
    public static AllowedHost? Parse(string entry)
    {
        var text = entry.Trim();
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IPAddress.TryParse(text[1..close], out _))
            {
                return null;
            }

            var rest = text[(close + 1)..];
            return rest.Length == 0 ? new AllowedHost(text[1..close], null)
                : rest.StartsWith(':') && ParsePort(rest[1..]) is { } bracketed ? new AllowedHost(text[1..close], bracketed)
                : null;
        }

        if (text.Count(c => c == ':') > 1)
        {
            return IPAddress.TryParse(text, out _) ? new AllowedHost(text, null) : null; // A bare IPv6 address names no port.
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return text.Length == 0 ? null : new AllowedHost(Normalize(text), null);
        }

        return colon > 0 && ParsePort(text[(colon + 1)..]) is { } port ? new AllowedHost(Normalize(text[..colon]), port) : null;
    }

    /// <summary>Whether this entry lets a connection to <paramref name="hostOrAddress"/> on <paramref name="port"/>
    /// through (an address matches in any notation, e.g. <c>::ffff:10.0.0.5</c> matches <c>10.0.0.5</c>).</summary>
    public bool Allows(string hostOrAddress, int port)
    {
        if (Port is { } listed ? listed != port : !DefaultPorts.Contains(port))
        {
            return false;
        }

        return Names(hostOrAddress);
    }

    /// <summary>Whether this entry names the host or address, whatever the port.</summary>
    public bool Names(string hostOrAddress)
    {
        var host = Normalize(hostOrAddress);
        return string.Equals(Host, host, StringComparison.OrdinalIgnoreCase)
            || (address is not null && IPAddress.TryParse(host, out var other) && TargetAddressRanges.Canonical(other).Equals(address));
    }

    private static int? ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null;

    private static string Normalize(string host) => host.Trim().Trim('[', ']').TrimEnd('.');
}
