namespace Dashboard.Metrics;

/// <summary>The <c>/metrics</c> endpoint (bound from <c>Dashboard:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Dashboard:Metrics";

    /// <summary>Maps <c>GET /metrics</c>. Turn off where nothing scrapes it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Also exports the runtime's own "System.Runtime" meter (GC, memory, thread pool, CPU).</summary>
    public bool IncludeRuntime { get; set; } = true;

    /// <summary>Further meters to export by name, e.g. "Microsoft.AspNetCore.Hosting". The "Dashboard" meter always is.</summary>
    public List<string> AdditionalMeters { get; set; } = [];
}
