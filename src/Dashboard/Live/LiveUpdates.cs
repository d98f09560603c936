using System.Collections.Concurrent;
using Dashboard.Configuration;
using Dashboard.Dashboards;
using Dashboard.Metrics;
using Dashboard.Sources.Engine;
using Dashboard.TimeRanges;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary>Versions of what each dashboard shows, and who watches which dashboard. Every finished refresh of a
/// source (the engine's <see cref="SourceEngine.Refreshed"/>) and every configuration change takes the next number
/// of one sequence; a dashboard's version is the newest number among its sources and the configuration, so it only
/// grows. Watchers of the dashboards that use the source are offered the new version at once: nothing polls.</summary>
public sealed class LiveUpdates : IDisposable
{
    private readonly ConcurrentDictionary<string, long> sourceVersions = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<LiveSubscription, byte>> watchers = new(StringComparer.OrdinalIgnoreCase);
    private readonly SourceEngine engine;
    private readonly IDashboardConfigProvider config;
    private readonly int maxConnections;
    private long sequence;
    private long configVersion;
    private int connections;

    public LiveUpdates(SourceEngine engine, IDashboardConfigProvider config, IOptions<LiveOptions> options, DashboardMetrics metrics)
    {
        this.engine = engine;
        this.config = config;
        maxConnections = options.Value.MaxConnections;
        engine.Refreshed += OnSourceRefreshed;
        config.Changed += OnConfigChanged;
        metrics.Meter.CreateObservableGauge("dashboard_live_connections", () => Volatile.Read(ref connections), "{connection}", "Open live-update connections (visible dashboard tabs)");
    }

    /// <summary>The newest version of anything on this instance: it grows with every announced source refresh and
    /// configuration change, so a page stored under it never predates a value that arrived since.</summary>
    public long Sequence => Interlocked.Read(ref sequence);

    /// <summary>Open live connections on this instance.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>The version of what the dashboard shows now; read by the page before it reads its sources, so a
    /// value that arrives meanwhile makes the version seen later newer, never older.</summary>
    public long VersionOf(DashboardDefinition dashboard)
    {
        var version = Interlocked.Read(ref configVersion);
        foreach (var panel in dashboard.Panels)
        {
            if (sourceVersions.TryGetValue(panel.Source, out var sourceVersion) && sourceVersion > version)
            {
                version = sourceVersion;
            }
        }

        return version;
    }

    /// <summary>Starts watching a dashboard at a time range (null: the dashboard's default), or null when this instance
    /// already holds <see cref="LiveOptions.MaxConnections"/>.</summary>
    public LiveSubscription? TrySubscribe(string slug, TimeRange? range = null)
    {
        if (Interlocked.Increment(ref connections) > maxConnections)
        {
            Interlocked.Decrement(ref connections);
            return null;
        }

        var subscription = new LiveSubscription(slug, range, Unsubscribe);
        watchers.GetOrAdd(slug, static _ => new ConcurrentDictionary<LiveSubscription, byte>())[subscription] = 0;
        return subscription;
    }

    /// <summary>Whether the dashboard has a watcher now, so the live refresher keeps its sources fresh.</summary>
    public bool IsWatched(string slug) => watchers.TryGetValue(slug, out var group) && !group.IsEmpty;

    /// <summary>Whether someone watches the dashboard at this range (null: its default) now, so the live refresher keeps
    /// the sources' entries for that range fresh.</summary>
    public bool IsWatched(string slug, TimeRange? range) =>
        watchers.TryGetValue(slug, out var group) && group.Keys.Any(s => s.Range == range);

    /// <summary>Slugs with at least one watcher now.</summary>
    public IEnumerable<string> WatchedDashboards() => watchers.Where(w => !w.Value.IsEmpty).Select(w => w.Key);

    /// <summary>The ranges a dashboard is watched at now, each once (null: its default).</summary>
    public IReadOnlyCollection<TimeRange?> WatchedRanges(string slug) =>
        watchers.TryGetValue(slug, out var group) ? group.Keys.Select(s => s.Range).ToHashSet() : [];

    private void Unsubscribe(LiveSubscription subscription)
    {
        if (watchers.TryGetValue(subscription.Slug, out var group))
        {
            group.TryRemove(subscription, out _);
        }

        Interlocked.Decrement(ref connections);
    }

    private void OnSourceRefreshed(string source)
    {
        var version = Interlocked.Increment(ref sequence);
        sourceVersions.AddOrUpdate(source, version, (_, old) => Math.Max(old, version));
        foreach (var dashboard in config.Current.Options.Dashboards)
        {
            if (dashboard.Panels.Any(p => string.Equals(p.Source, source, StringComparison.OrdinalIgnoreCase)))
            {
                Offer(dashboard);
            }
        }
    }

    private void OnConfigChanged(DashboardConfig previous, DashboardConfig next)
    {
        // The newest number of all: every watched page, including one whose dashboard went away, refreshes once.
        var version = Interlocked.Increment(ref sequence);
        Interlocked.Exchange(ref configVersion, version);
        foreach (var group in watchers.Values)
        {
            foreach (var subscription in group.Keys)
            {
                subscription.Offer(version);
            }
        }
    }

    private void Offer(DashboardDefinition dashboard)
    {
        if (!watchers.TryGetValue(dashboard.Slug, out var group) || group.IsEmpty)
        {
            return;
        }

        var version = VersionOf(dashboard);
        foreach (var subscription in group.Keys)
        {
            subscription.Offer(version);
        }
    }

    public void Dispose()
    {
        engine.Refreshed -= OnSourceRefreshed;
        config.Changed -= OnConfigChanged;
    }
}
