using System.Net;

namespace Dashboard.Sources.Http;

/// <summary>Turns a host name into addresses. A seam so tests can make a name resolve to any address
/// without touching DNS.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
