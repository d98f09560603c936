using Dashboard.History;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.Sources.Ranges;

namespace Dashboard.TimeRanges;

/// <summary>Which panels are drawn over the dashboard's window: those whose source follows the range, and history charts.
/// A source that ignores the range (an API that always answers its last hour) is drawn over its own data's span, not
/// squeezed into a corner of "last 30 days". A history chart's buckets are widened to its source's pace (<see cref="HistoryWindow"/>).</summary>
public static class PanelWindows
{
    public static TimeWindow? For(PanelOptions panel, SourceOptions? source, TimeWindow window) =>
        source is null ? null
        : HistoryReads.Plots(panel, source) ? HistoryWindow.For(window, source.MaxAge)
        : TimeRangePlaceholders.UsesRange(source) ? window
        : null;
}
