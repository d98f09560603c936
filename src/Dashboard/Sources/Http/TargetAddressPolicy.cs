using System.Net;
using System.Net.Sockets;
using Dashboard.Admin;
using Dashboard.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Sources.Http;

/// <summary>The one place that decides which targets an http source may reach (SSRF):
/// <list type="bullet">
/// <item>cloud-metadata addresses and host names (<see cref="TargetAddressRanges"/>) are always refused;</item>
/// <item>loopback, private, CGNAT, link-local, unique-local and unspecified addresses, the addresses of this machine's own
/// interfaces (<see cref="LocalInterfaceAddresses"/>) and <c>localhost</c> are refused unless
/// <c>Dashboard:Admin:AllowPrivateTargets</c> is on, <c>Dashboard:Admin:AllowedHosts</c> lists the host or address with
/// that port (<see cref="AllowedHost"/>: no port means 80 and 443), or the target is this app's own address (the demo's
/// relative URLs);</item>
/// <item>anything else (public addresses) is allowed.</item>
/// </list>
/// Used when an admin saves a URL (as written, and best-effort after resolving it) and when a connection is opened.</summary>
public sealed class TargetAddressPolicy(
    IOptionsMonitor<AdminOptions> options,
    IHostResolver resolver,
    SelfAddress? self = null,
    LocalInterfaceAddresses? localInterfaces = null)
{
    /// <summary>The kind of an address held by one of this machine's own interfaces (public or not).</summary>
    public const string LocalInterface = "local-interface";

    private const string AllowHint = "set Dashboard:Admin:AllowPrivateTargets or list the host in Dashboard:Admin:AllowedHosts";
    private const string NeverHint = "never allowed";

    private static readonly string[] MetadataHosts =
        ["metadata.google.internal", "metadata", "metadata.azure.com", "instance-data", "instance-data.ec2.internal"];

    public static bool IsMetadataHost(string host) =>
        MetadataHosts.Any(m => string.Equals(m, Normalize(host), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <c>AllowedHosts</c> lets this host name or address through on <paramref name="port"/>
    /// (see <see cref="AllowedHost"/>: an entry without a port means ports 80 and 443 only).</summary>
    public bool IsAllowed(string hostOrAddress, int port) => AllowedHosts().Any(entry => entry.Allows(hostOrAddress, port));

    private IEnumerable<AllowedHost> AllowedHosts() => options.CurrentValue.AllowedHosts.Select(AllowedHost.Parse).OfType<AllowedHost>();

    /// <summary>Why the host as written in a URL may not be used, or null (no DNS lookup).</summary>
    public string? CheckWrittenHost(string host, int port)
    {
        if (WrittenRefusal(host, port) is not { } refusal)
        {
            return null;
        }

        return SaveMessage(refusal);
    }

    /// <summary>Save-time, best effort: why the host resolves to a refused address, or null. A lookup that fails or
    /// takes longer than <paramref name="bound"/> is not a refusal (the name may only resolve where the app runs);
    /// the connect-time check still applies.</summary>
    public async Task<string?> CheckResolvedHostAsync(string host, int port, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        try
        {
            // WaitAsync keeps the bound even for a resolver that ignores its token.
            var addresses = await LookUpAsync(Normalize(host), timeout.Token).WaitAsync(timeout.Token);
            return FirstRefusal(host, port, addresses) is { } refusal ? SaveMessage(refusal) : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            return null; // No such host (yet), or a name DNS will not look up.
        }
    }

    /// <summary>Connect time: the addresses to try for <paramref name="host"/>.</summary>
    /// <exception cref="TargetBlockedException">Any of them is refused; one bad answer is enough, since a rebinding
    /// resolver picks which one we would get.</exception>
    public async Task<IPAddress[]> ResolveForConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        if (IsMetadataHost(host))
        {
            throw Blocked(new Refusal($"'{Normalize(host)}' is a cloud metadata service", Never: true));
        }

        var addresses = await LookUpAsync(Normalize(host), cancellationToken);
        if (FirstRefusal(host, port, addresses) is { } refusal)
        {
            throw Blocked(refusal);
        }

        return addresses;
    }

    /// <summary>Connect time, for the proxy set in <c>Dashboard:Http:Proxy</c>: the operator chose it, so only
    /// cloud-metadata addresses are refused (the target behind it is checked per request, as written).</summary>
    public async Task<IPAddress[]> ResolveProxyForConnectAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = await LookUpAsync(Normalize(host), cancellationToken);
        if (addresses.FirstOrDefault(TargetAddressRanges.IsMetadata) is { } metadata)
        {
            throw Blocked(new Refusal($"proxy '{Normalize(host)}' resolves to cloud-metadata address {TargetAddressRanges.Canonical(metadata)}", Never: true));
        }

        return addresses;
    }

    /// <summary>Per request when a proxy resolves names for us: the target host as written.</summary>
    /// <exception cref="TargetBlockedException">The host as written is refused.</exception>
    public void CheckProxiedTarget(Uri target)
    {
        if (WrittenRefusal(target.IdnHost, target.Port) is { } refusal)
        {
            throw Blocked(refusal);
        }
    }

    private static string SaveMessage(Refusal refusal) =>
        $"the host {refusal.Text}; {(refusal.Never ? "such targets are never allowed" : AllowHint + " if you really mean it")}";

    private static TargetBlockedException Blocked(Refusal refusal) =>
        new($"blocked: {refusal.Text} ({(refusal.Never ? NeverHint : AllowHint + " if intended")})");

    private Task<IPAddress[]> LookUpAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? Task.FromResult<IPAddress[]>([literal]) : resolver.ResolveAsync(host, cancellationToken);

    private Refusal? WrittenRefusal(string host, int port)
    {
        host = Normalize(host);
        if (IsMetadataHost(host))
        {
            return new Refusal($"'{host}' is a cloud metadata service", Never: true);
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return FirstRefusal(host, port, [address]);
        }

        var localName = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        return localName && !MayReachPrivate(host, port) ? new Refusal($"'{host}' is a loopback name", Never: false) : null;
    }

    /// <summary>"'evil.example' resolves to loopback address 127.0.0.1" for the first refused address, or null.</summary>
    private Refusal? FirstRefusal(string host, int port, IPAddress[] addresses)
    {
        host = Normalize(host);
        var literal = IPAddress.TryParse(host, out _);
        foreach (var address in addresses)
        {
            if ((TargetAddressRanges.Classify(address) ?? (localInterfaces?.Contains(address) == true ? LocalInterface : null)) is not { } kind)
            {
                continue;
            }

            var never = kind == TargetAddressRanges.Metadata;
            if (never || (!MayReachPrivate(host, port) && !IsAllowed(address.ToString(), port)))
            {
                var text = literal
                    ? $"'{host}' is {(kind == "unspecified" ? "an" : "a")} {kind} address"
                    : $"'{host}' resolves to {kind} address {TargetAddressRanges.Canonical(address)}";
                if (!never && AllowedHosts().Any(entry => entry.Names(host) || entry.Names(address.ToString())))
                {
                    text += $" and Dashboard:Admin:AllowedHosts lists it for other ports than {port}";
                }

                return new Refusal(text, never);
            }
        }

        return null;
    }

    private bool MayReachPrivate(string host, int port) =>
        options.CurrentValue.AllowPrivateTargets || IsAllowed(host, port) || self?.IsSelf(host, port) == true;

    private static string Normalize(string host) => host.Trim().Trim('[', ']').TrimEnd('.');

    private sealed record Refusal(string Text, bool Never);
}
