using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

/// <summary>For tests that read /metrics through TestServer: the app lets 127.0.0.1 scrape it on its public address
/// (<c>Dashboard:Metrics:AllowedNetworks</c>), and every test request comes from 127.0.0.1 (TestServer gives none).</summary>
public static class LoopbackScrape
{
    /// <summary>The <c>Metrics</c> member of a <c>Dashboard</c> JSON section, with its trailing comma.</summary>
    public const string MetricsJson = "\"Metrics\": { \"AllowedNetworks\": [ \"127.0.0.1\" ] },";

    public static void FromLoopback(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter>(new PeerAddressStartupFilter(IPAddress.Loopback));
}
