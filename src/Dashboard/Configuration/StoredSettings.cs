namespace Dashboard.Configuration;

/// <summary>The stored settings document: which dashboard <c>/</c> shows and the order of dashboards.</summary>
public sealed class StoredSettings
{
    public string? DefaultDashboard { get; set; }

    public List<string> DashboardOrder { get; set; } = [];
}
