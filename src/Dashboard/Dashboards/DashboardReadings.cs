using Dashboard.Sources.Engine;
using Dashboard.TimeRanges;

namespace Dashboard.Dashboards;

/// <summary>The readings one rendering of a dashboard shows: every source its panels use is started once, all before
/// any is awaited, so sources load concurrently and a panel only awaits its own.</summary>
public sealed class DashboardReadings
{
    private DashboardReadings(Dictionary<string, Task<SourceReading>> byPanel, Dictionary<string, Task<SourceReading>> bySource)
    {
        ByPanel = byPanel;
        BySource = bySource;
    }

    /// <summary>Keyed by panel id.</summary>
    public IReadOnlyDictionary<string, Task<SourceReading>> ByPanel { get; }

    /// <summary>Keyed by source name.</summary>
    public IReadOnlyDictionary<string, Task<SourceReading>> BySource { get; }

    /// <summary>A viewer who leaves (<paramref name="viewerAborted"/>) stops waiting, but shared fetches go on for the
    /// cache and other viewers. <paramref name="keptFreshEvery"/>: set for a live refresh (see
    /// <see cref="SourceEngine.ReadAsync"/>). <paramref name="window"/>: the dashboard's time range (null: the default one).</summary>
    public static DashboardReadings Start(SourceEngine engine, DashboardDefinition dashboard, TimeSpan? keptFreshEvery, CancellationToken viewerAborted, TimeWindow? window = null)
    {
        var byPanel = new Dictionary<string, Task<SourceReading>>(StringComparer.OrdinalIgnoreCase);
        var bySource = new Dictionary<string, Task<SourceReading>>(StringComparer.OrdinalIgnoreCase);
        foreach (var panel in dashboard.Panels)
        {
            if (!bySource.TryGetValue(panel.Source, out var reading))
            {
                reading = engine.ReadAsync(panel.Source, viewerAborted, keptFreshEvery, window);
                bySource[panel.Source] = reading;
            }

            byPanel[panel.Id!] = reading;
        }

        return new DashboardReadings(byPanel, bySource);
    }

    /// <summary>Completes when every reading has (each is bounded by its source's render deadline).</summary>
    public Task AllAsync() => Task.WhenAll(BySource.Values);
}
