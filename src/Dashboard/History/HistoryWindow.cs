using Dashboard.TimeRanges;

namespace Dashboard.History;

/// <summary>The buckets a history chart is read and drawn in: the dashboard window's, widened to a whole number of them
/// at least twice the source's <c>MaxAge</c>. A source leaves at most one point per MaxAge (later when a fetch drifts), so
/// narrower buckets would be mostly empty and the gap rule would draw the history as scattered dots.</summary>
public static class HistoryWindow
{
    public static TimeWindow For(TimeWindow window, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(window);
        var least = maxAge * 2;
        if (least <= window.Interval || window.Interval <= TimeSpan.Zero)
        {
            return window;
        }

        // A whole number of the window's buckets, so they still start at the window's start like the SQL's.
        var factor = (long)Math.Ceiling(least.Ticks / (double)window.Interval.Ticks);
        return window with { Interval = TimeSpan.FromTicks(window.Interval.Ticks * factor) };
    }
}
