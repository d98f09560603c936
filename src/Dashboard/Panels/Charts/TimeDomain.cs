using Dashboard.TimeRanges;

namespace Dashboard.Panels.Charts;

/// <summary>The x axis a timeseries is drawn over, and the step its points are expected at (for the gap rule).
/// Usually a dashboard's <see cref="TimeWindow"/>: its bounds, and its interval as the step.</summary>
public sealed record TimeDomain(DateTimeOffset From, DateTimeOffset To, TimeSpan? Step)
{
    public static TimeDomain? Of(TimeWindow? window) => window is null ? null : new(window.From, window.To, window.Interval);
}
