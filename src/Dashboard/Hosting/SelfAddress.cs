using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dashboard.Hosting;

/// <summary>The app's own base address on loopback, for sources whose URL is a path on this app
/// (the offline demo's simulated APIs). Wildcard bindings map to 127.0.0.1.</summary>
public sealed class SelfAddress(IServer server, IConfiguration configuration)
{
    public Uri Resolve(string path)
    {
        var addresses = ListeningAddresses();
        var raw = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? configuration["Dashboard:SelfUrl"]
            ?? throw new InvalidOperationException("the app's own address is not known yet");
        return new Uri(new UriBuilder(Loopback(raw)).Uri, path);
    }

    /// <summary>Whether <paramref name="host"/>:<paramref name="port"/> is this app: one of its listening addresses (a
    /// wildcard or <c>localhost</c> binding matches any loopback host on that port) or <c>Dashboard:SelfUrl</c>. The SSRF
    /// guard lets sources reach it whatever <c>AllowPrivateTargets</c> says, so the demo's relative URLs keep working.</summary>
    public bool IsSelf(string host, int port)
    {
        host = host.Trim('[', ']').TrimEnd('.');
        IEnumerable<string> candidates = ListeningAddresses();
        if (configuration["Dashboard:SelfUrl"] is { Length: > 0 } selfUrl)
        {
            candidates = candidates.Append(selfUrl);
        }

        foreach (var candidate in candidates)
        {
            if (!Uri.TryCreate(Loopback(candidate), UriKind.Absolute, out var uri) || uri.Port != port)
            {
                continue;
            }

            var listening = uri.IdnHost.Trim('[', ']');
            if (string.Equals(listening, host, StringComparison.OrdinalIgnoreCase) || (IsLoopback(listening) && IsLoopback(host)))
            {
                return true;
            }
        }

        return false;
    }

    private ICollection<string> ListeningAddresses() => server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];

    private static string Loopback(string address) => address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal);

    private static bool IsLoopback(string host) => string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
