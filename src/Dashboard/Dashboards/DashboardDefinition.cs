using Dashboard.Panels;
using Dashboard.TimeRanges;

namespace Dashboard.Dashboards;

/// <summary>One dashboard page (bound from <c>Dashboard:Dashboards:{i}</c>).</summary>
public sealed class DashboardDefinition
{
    /// <summary>URL name: <c>/d/{slug}</c>; lower-case letters, digits and dashes.</summary>
    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Grid columns on a wide screen.</summary>
    public int Columns { get; set; } = 4;

    public List<PanelOptions> Panels { get; set; } = [];

    /// <summary>The time range shown when the URL names none (null: the last hour).</summary>
    public TimeRangeOptions? TimeRange { get; set; }
}
