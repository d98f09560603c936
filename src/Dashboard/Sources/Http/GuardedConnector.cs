using System.Net;
using System.Net.Sockets;

namespace Dashboard.Sources.Http;

/// <summary>The sources' <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself and checks every
/// address with <see cref="TargetAddressPolicy"/> before any socket is opened, so a name that resolves (or is rebound)
/// to a link-local / metadata address is refused at connect time, whatever the URL looked like when it was saved.</summary>
public sealed class GuardedConnector(TargetAddressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var target = context.DnsEndPoint;
        var addresses = await policy.ResolveForConnectAsync(target.Host, cancellationToken);
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
}
