using System.Net;
using Dashboard.Metrics;

namespace Dashboard.Telemetry;

/// <summary>Who may scrape <c>/metrics</c> on the public address: clients in <see cref="MetricsOptions.AllowedNetworks"/>
/// (the client address after the forwarded-headers rules). A request without an address (a Unix socket) never is.</summary>
public sealed class MetricsAccess(IEnumerable<string> allowedNetworks)
{
    private readonly IPNetwork[] networks = [.. allowedNetworks.Select(ParseNetwork).OfType<IPNetwork>()];

    public bool Any => networks.Length > 0;

    public bool Allows(IPAddress? client)
    {
        if (client is null)
        {
            return false;
        }

        client = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return networks.Any(n => n.Contains(client));
    }

    /// <summary>"10.0.0.0/8", or one address ("10.0.0.5" as /32, "::1" as /128); null when it is neither.</summary>
    public static IPNetwork? ParseNetwork(string text)
    {
        text = text.Trim();
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(text, out var address) && address.ToString() == text
            ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }
}
