using Dashboard.Telemetry;

namespace Dashboard.Metrics;

/// <summary>The <c>/metrics</c> endpoint (bound from <c>Dashboard:Metrics</c>). It names upstream hosts and counts
/// admin sign-ins, so it is not public: it is served on a management address of its own (<see cref="ManagementUrl"/>),
/// and on the public one only to clients in <see cref="AllowedNetworks"/>. With neither set it is served nowhere.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Dashboard:Metrics";

    /// <summary>Collects and exports metrics. Turn off where nothing scrapes them.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Also exports the runtime's own "System.Runtime" meter (GC, memory, thread pool, CPU).</summary>
    public bool IncludeRuntime { get; set; } = true;

    /// <summary>Further meters to export by name, e.g. "Microsoft.AspNetCore.Hosting". The "Dashboard" meter always is.</summary>
    public List<string> AdditionalMeters { get; set; } = [];

    /// <summary>A second listener that serves <c>GET /metrics</c> and nothing else, e.g. <c>http://0.0.0.0:9464</c>
    /// (reach it from the scraper's network only). Empty: none.</summary>
    public string? ManagementUrl { get; set; }

    /// <summary>Client networks (CIDR, or single addresses) that may scrape <c>/metrics</c> on the app's public address,
    /// as the forwarded-headers rules see the client. Empty: nobody (in Development, with no management address
    /// either: this machine).</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(ManagementUrl)
            && (!Uri.TryCreate(ManagementUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/"))
        {
            yield return $"{Section}:ManagementUrl: '{ManagementUrl}' is not an http(s) listening address such as 'http://0.0.0.0:9464'";
        }

        foreach (var network in AllowedNetworks.Where(n => MetricsAccess.ParseNetwork(n) is null))
        {
            yield return $"{Section}:AllowedNetworks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/8) or an IP address";
        }
    }
}
