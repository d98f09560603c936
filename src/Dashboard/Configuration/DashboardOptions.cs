using Dashboard.Dashboards;
using Dashboard.Sources;

namespace Dashboard.Configuration;

/// <summary>Sources and dashboards (bound from the <c>Dashboard</c> section). Storage, connections,
/// HTTP limits and the demo have their own sub-sections and options classes.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Slug of the dashboard shown at <c>/</c>; empty means the first one.</summary>
    public string? DefaultDashboard { get; set; }

    /// <summary>Sources by name (the key); names are referenced by panels.</summary>
    public Dictionary<string, SourceOptions> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public List<DashboardDefinition> Dashboards { get; set; } = [];
}
