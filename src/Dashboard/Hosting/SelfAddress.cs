using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dashboard.Hosting;

/// <summary>The app's own base address on loopback, for sources whose URL is a path on this app
/// (the offline demo's simulated APIs). Wildcard bindings map to 127.0.0.1.</summary>
public sealed class SelfAddress(IServer server, IConfiguration configuration)
{
    public Uri Resolve(string path)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var raw = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? configuration["Dashboard:SelfUrl"]
            ?? throw new InvalidOperationException("the app's own address is not known yet");
        var builder = new UriBuilder(raw.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
        return new Uri(builder.Uri, path);
    }
}
