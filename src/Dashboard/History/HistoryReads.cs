using Dashboard.Configuration;
using Dashboard.Dashboards;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.TimeRanges;

namespace Dashboard.History;

/// <summary>The history reads one rendering of a dashboard needs: one per timeseries panel on a source that yields one
/// number (it plots that value's history over the window), started with the sources' reads so they load concurrently.
/// Each waits at most its source's render deadline.</summary>
public static class HistoryReads
{
    /// <summary>Whether the panel plots its source's history (a timeseries of a Scalar source).</summary>
    public static bool Plots(PanelOptions panel, SourceOptions? source) =>
        string.Equals(panel.Type, PanelTypes.Timeseries, StringComparison.OrdinalIgnoreCase) && source?.Shape == ValueShape.Scalar;

    /// <summary>Keyed by panel id; panels that plot no history are absent.</summary>
    public static IReadOnlyDictionary<string, Task<HistorySeries>> Start(
        ValueHistory history, DashboardConfig config, DashboardDefinition dashboard, TimeWindow window, CancellationToken viewerAborted)
    {
        var reads = new Dictionary<string, Task<HistorySeries>>(StringComparer.OrdinalIgnoreCase);
        foreach (var panel in dashboard.Panels)
        {
            if (config.FindSource(panel.Source) is { } source && Plots(panel, source))
            {
                reads[panel.Id!] = history.ReadAsync(source.Name, HistoryWindow.For(window, source.MaxAge), source.RenderDeadline, viewerAborted);
            }
        }

        return reads;
    }
}
