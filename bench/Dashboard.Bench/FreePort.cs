using System.Net;
using System.Net.Sockets;

namespace Dashboard.Bench;

public static class FreePort
{
    public static int Print()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Console.WriteLine(((IPEndPoint)listener.LocalEndpoint).Port);
        return 0;
    }
}
