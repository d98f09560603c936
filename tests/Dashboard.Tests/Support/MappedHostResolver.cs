using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Dashboard.Sources.Http;

namespace Dashboard.Tests.Support;

/// <summary>DNS for tests: names resolve to the addresses given, any other name fails like an unknown host,
/// and a name mapped to null never answers (until cancelled). Counts lookups per name.</summary>
public sealed class MappedHostResolver(IReadOnlyDictionary<string, IPAddress[]?> names) : IHostResolver
{
    private readonly ConcurrentDictionary<string, int> lookups = new(StringComparer.OrdinalIgnoreCase);

    public int Lookups(string host) => lookups.GetValueOrDefault(host);

    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        lookups.AddOrUpdate(host, 1, (_, n) => n + 1);
        if (!names.TryGetValue(host, out var addresses))
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (addresses is null)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return addresses!;
    }
}
