using System.Diagnostics.Metrics;
using Dashboard.Configuration;
using Dashboard.Notifications;
using Dashboard.Sources.Engine;

namespace Dashboard.Metrics;

/// <summary>Observable instruments on the "Dashboard" meter, read at scrape time: per-source breaker and
/// failing state (configured sources included before their first fetch) and background-queue depth.</summary>
public sealed class StateGauges
{
    private readonly IDashboardConfigProvider config;
    private readonly SourceStatusBoard board;
    private readonly PersistenceQueue persistence;
    private readonly NotificationQueue notifications;
    private int created;

    public StateGauges(DashboardMetrics metrics, IDashboardConfigProvider config, SourceStatusBoard board, PersistenceQueue persistence, NotificationQueue notifications)
    {
        this.config = config;
        this.board = board;
        this.persistence = persistence;
        this.notifications = notifications;
        Meter = metrics.Meter;
    }

    private Meter Meter { get; }

    /// <summary>Creates the instruments once (instruments live as long as the meter).</summary>
    public void Create()
    {
        if (Interlocked.Exchange(ref created, 1) != 0)
        {
            return;
        }

        Meter.CreateObservableGauge("dashboard_source_breaker_open", () => PerSource(s => s.BreakerOpen), null, "1 while the source's circuit breaker is open, else 0");
        Meter.CreateObservableGauge("dashboard_source_failing", () => PerSource(s => s.Failing), null, "1 while the source's last fetch failed or its breaker is open, else 0");
        Meter.CreateObservableGauge("dashboard_queue_depth", ObserveDepth, "{item}", "Items waiting in a background queue (persistence: storage writes; notifications: webhook notices)");
        Meter.CreateObservableCounter("dashboard_queue_dropped", ObserveDropped, "{item}", "Items a background queue dropped because it was full or shutting down");
    }

    private IEnumerable<Measurement<int>> PerSource(Func<SourceStatus, bool> flag)
    {
        var statuses = board.All().ToDictionary(s => s.SourceName, StringComparer.OrdinalIgnoreCase);
        var names = config.Current.Options.Sources.Keys.Union(statuses.Keys, StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            var on = statuses.TryGetValue(name, out var status) && flag(status);
            yield return new Measurement<int>(on ? 1 : 0, new KeyValuePair<string, object?>("source", name));
        }
    }

    private IEnumerable<Measurement<int>> ObserveDepth() =>
    [
        new(persistence.Depth, new KeyValuePair<string, object?>("queue", "persistence")),
        new(notifications.Depth, new KeyValuePair<string, object?>("queue", "notifications")),
    ];

    private IEnumerable<Measurement<long>> ObserveDropped() =>
    [
        new(persistence.Dropped, new KeyValuePair<string, object?>("queue", "persistence")),
        new(notifications.Dropped, new KeyValuePair<string, object?>("queue", "notifications")),
    ];
}
