using System.Net;
using System.Net.Sockets;
using Dashboard.Admin;
using Microsoft.Extensions.Options;

namespace Dashboard.Sources.Http;

/// <summary>The one place that decides which targets an http source may reach: link-local (169.254.0.0/16,
/// fe80::/10) and cloud-metadata addresses and host names are refused unless listed in
/// <c>Dashboard:Admin:AllowedHosts</c>. Loopback and private ranges stay allowed: sources call internal services.
/// Used when an admin saves a URL (as written, and best-effort after resolving it) and when a connection is opened.</summary>
public sealed class TargetAddressPolicy(IOptionsMonitor<AdminOptions> options, IHostResolver resolver)
{
    private const string AllowHint = "add it to Dashboard:Admin:AllowedHosts";

    private static readonly string[] MetadataHosts = ["metadata.google.internal", "metadata", "metadata.azure.com"];
    private static readonly IPAddress AwsIpv6Metadata = IPAddress.Parse("fd00:ec2::254");

    public static bool IsLinkLocalOrMetadata(IPAddress address) => Kind(address) is not null;

    public static bool IsMetadataHost(string host) =>
        MetadataHosts.Any(m => string.Equals(m, Normalize(host), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <c>AllowedHosts</c> lists this host name or address (an address matches in any notation,
    /// e.g. <c>::ffff:169.254.169.254</c> matches <c>169.254.169.254</c>).</summary>
    public bool IsAllowed(string hostOrAddress)
    {
        var host = Normalize(hostOrAddress);
        var address = IPAddress.TryParse(host, out var parsed) ? Unmapped(parsed) : null;
        return options.CurrentValue.AllowedHosts.Select(Normalize).Any(entry =>
            string.Equals(entry, host, StringComparison.OrdinalIgnoreCase)
            || (address is not null && IPAddress.TryParse(entry, out var listed) && Unmapped(listed).Equals(address)));
    }

    /// <summary>Why the host as written in a URL may not be used, or null (no DNS lookup).</summary>
    public string? CheckWrittenHost(string host)
    {
        host = Normalize(host);
        if (IsAllowed(host))
        {
            return null;
        }

        if (IsMetadataHost(host))
        {
            return $"the host '{host}' is a cloud metadata service; {AllowHint} if you really mean it";
        }

        return IPAddress.TryParse(host, out var address) && IsLinkLocalOrMetadata(address)
            ? $"the host '{host}' is a link-local / cloud-metadata address; {AllowHint} if you really mean it"
            : null;
    }

    /// <summary>Save-time, best effort: why the host resolves to a refused address, or null. A lookup that fails or
    /// takes longer than <paramref name="bound"/> is not a refusal (the name may only resolve where the app runs);
    /// the connect-time check still applies.</summary>
    public async Task<string?> CheckResolvedHostAsync(string host, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        try
        {
            // WaitAsync keeps the bound even for a resolver that ignores its token.
            var addresses = await LookUpAsync(Normalize(host), timeout.Token).WaitAsync(timeout.Token);
            return Refusal(host, addresses) is { } refusal ? $"the host {refusal}; {AllowHint} if you really mean it" : null;
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
    /// <exception cref="TargetBlockedException">Any of them is link-local / metadata and neither the host nor that
    /// address is allowlisted; one bad answer is enough, since a rebinding resolver picks which one we would get.</exception>
    public async Task<IPAddress[]> ResolveForConnectAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = await LookUpAsync(Normalize(host), cancellationToken);
        if (Refusal(host, addresses) is { } refusal)
        {
            throw new TargetBlockedException($"blocked: {refusal} ({AllowHint} if intended)");
        }

        return addresses;
    }

    private Task<IPAddress[]> LookUpAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? Task.FromResult<IPAddress[]>([literal]) : resolver.ResolveAsync(host, cancellationToken);

    /// <summary>"'evil.example' resolves to link-local address 169.254.169.254" for the first refused address, or null.</summary>
    private string? Refusal(string host, IPAddress[] addresses)
    {
        host = Normalize(host);
        if (IsAllowed(host))
        {
            return null;
        }

        foreach (var address in addresses)
        {
            if (Kind(address) is { } kind && !IsAllowed(address.ToString()))
            {
                return IPAddress.TryParse(host, out _)
                    ? $"'{host}' is a {kind} address"
                    : $"'{host}' resolves to {kind} address {Unmapped(address)}";
            }
        }

        return null;
    }

    /// <summary>"link-local", "cloud-metadata", or null for an address sources may reach.</summary>
    private static string? Kind(IPAddress address)
    {
        address = Unmapped(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return address.GetAddressBytes() is [169, 254, _, _] ? "link-local" : null;
        }

        return address.IsIPv6LinkLocal ? "link-local" : address.Equals(AwsIpv6Metadata) ? "cloud-metadata" : null;
    }

    // ::ffff:169.254.169.254 is 169.254.169.254 on the wire.
    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static string Normalize(string host) => host.Trim().Trim('[', ']').TrimEnd('.');
}
