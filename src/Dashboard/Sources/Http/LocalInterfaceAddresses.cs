using System.Net;
using System.Net.NetworkInformation;

namespace Dashboard.Sources.Http;

/// <summary>The addresses of this machine's own network interfaces. A source reaching one of them reaches this host
/// (its other services, its database) even when the address is public, so the SSRF guard treats them like loopback.
/// Read again when the system reports an address change, and at most every 30 s otherwise.</summary>
public sealed class LocalInterfaceAddresses
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly Func<IEnumerable<IPAddress>> read;
    private readonly TimeProvider time;
    private volatile Snapshot? current;

    public LocalInterfaceAddresses(TimeProvider time)
        : this(ReadInterfaces, time)
    {
        NetworkChange.NetworkAddressChanged += (_, _) => current = null;
    }

    /// <param name="read">Where the addresses come from (tests give their own).</param>
    public LocalInterfaceAddresses(Func<IEnumerable<IPAddress>> read, TimeProvider time)
    {
        this.read = read;
        this.time = time;
    }

    public bool Contains(IPAddress address)
    {
        var now = time.GetUtcNow();
        var snapshot = current;
        if (snapshot is null || now - snapshot.ReadAt > MaxAge)
        {
            snapshot = new Snapshot([.. read().Select(TargetAddressRanges.Canonical)], now);
            current = snapshot;
        }

        return snapshot.Addresses.Contains(TargetAddressRanges.Canonical(address));
    }

    private static IEnumerable<IPAddress> ReadInterfaces()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(u => u.Address)
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return []; // Not readable here (a sandbox): loopback and private ranges are still refused by kind.
        }
    }

    private sealed record Snapshot(HashSet<IPAddress> Addresses, DateTimeOffset ReadAt);
}
