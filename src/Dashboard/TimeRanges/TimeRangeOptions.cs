namespace Dashboard.TimeRanges;

/// <summary>A dashboard's default time range (<c>Dashboard:Dashboards:{i}:TimeRange</c>), written as in the URL:
/// <c>{ "From": "now-6h", "To": "now" }</c>. The URL's <c>from</c>/<c>to</c> override it; without either, the last hour.</summary>
public sealed class TimeRangeOptions
{
    public string From { get; set; } = "";

    /// <summary>Empty means now.</summary>
    public string? To { get; set; }
}
