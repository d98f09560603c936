using Dashboard.Panels.Charts;
using Dashboard.Storage;
using Dashboard.TimeRanges;

namespace Dashboard.History;

/// <summary>A source's history as a chart series: the average per bucket as the line, the minimum and maximum as its band.
/// Buckets read from storage, plus the points this instance fetched since (<see cref="HistoryMerge"/>); without a window
/// (a preview outside a dashboard), the recent points as they are.</summary>
public static class HistoryChartSeries
{
    public static ChartSeries For(string name, HistorySeries? stored, IReadOnlyList<HistoryPoint> recent, TimeWindow? window)
    {
        ArgumentNullException.ThrowIfNull(recent);
        if (window is null)
        {
            return ChartSeries.FromHistory(name, recent);
        }

        var buckets = HistoryMerge.WithRecent(stored?.Buckets ?? [], recent, window);
        return new ChartSeries(
            name,
            [.. buckets.Select(b => new TimePoint(b.At, b.Avg))],
            buckets.Any(b => b.Count > 1) ? [.. buckets.Select(b => new BandPoint(b.At, b.Min, b.Max))] : null);
    }
}
