using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Dashboard.Sources.Http;

/// <summary>The sources' <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself and checks every
/// address with <see cref="TargetAddressPolicy"/> before any socket is opened, so a name that resolves (or is rebound)
/// to a refused address is refused at connect time, whatever the URL looked like when it was saved. A connection to the
/// configured proxy (<c>Dashboard:Http:Proxy</c>) is only checked for cloud-metadata addresses; the targets behind it
/// are checked per request by <see cref="ProxiedTargetCheckHandler"/>.</summary>
public sealed class GuardedConnector(TargetAddressPolicy policy, IOptions<HttpSourceLimitsOptions> http)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var target = context.DnsEndPoint;
        var addresses = IsProxy(target)
            ? await policy.ResolveProxyForConnectAsync(target.Host, cancellationToken)
            : await policy.ResolveForConnectAsync(target.Host, target.Port, cancellationToken);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, target.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                // Like the default handler: try the next address (e.g. ::1 refused, 127.0.0.1 listening).
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private bool IsProxy(DnsEndPoint target) => http.Value.ProxyUri is { } proxy
        && proxy.Port == target.Port
        && string.Equals(proxy.IdnHost.Trim('[', ']'), target.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);
}
