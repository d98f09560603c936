using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dashboard.Metrics;

/// <summary>The app's instruments on one <see cref="Meter"/> named "Dashboard"; exported at /metrics.</summary>
public sealed class DashboardMetrics : IDisposable
{
    public const string MeterName = "Dashboard";

    private readonly Meter meter;

    public DashboardMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(MeterName);
        FetchDuration = meter.CreateHistogram<double>(
            "dashboard_source_fetch_duration", "s", "Upstream fetch duration by source and outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        Fetches = meter.CreateCounter<long>("dashboard_source_fetches", "{fetch}", "Upstream fetches by source and outcome");
        CacheRequests = meter.CreateCounter<long>("dashboard_cache_requests", "{request}", "Source reads by result: hit (fresh cache), miss (started a fetch), joined (shared an in-flight fetch), live (a live refresh shown the last good value while the live refresher fetches)");
        PageRender = meter.CreateHistogram<double>(
            "dashboard_page_render_duration", "s", "Time to the last byte of a dashboard page",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        PageFirstByte = meter.CreateHistogram<double>(
            "dashboard_page_time_to_first_byte", "s", "Time to the first byte of a dashboard page",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        PageCache = meter.CreateCounter<long>(
            "dashboard_page_cache", "{page}",
            "Anonymous dashboard page views by result: served (a stored rendering), stored (rendered with every panel fresh and kept) or rendered (not kept)");
        Notifications = meter.CreateCounter<long>(
            "dashboard_notifications", "{notification}",
            "Webhook notifications by webhook and outcome: delivered, failed (given up after retries) or dropped (queue full or shutdown)");
    }

    public Meter Meter => meter;

    public Histogram<double> FetchDuration { get; }

    public Counter<long> Fetches { get; }

    public Counter<long> CacheRequests { get; }

    public Histogram<double> PageRender { get; }

    public Histogram<double> PageFirstByte { get; }

    public Counter<long> Notifications { get; }

    public Counter<long> PageCache { get; }

    public void RecordFetch(string source, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "source", source }, { "outcome", outcome } };
        FetchDuration.Record(duration.TotalSeconds, tags);
        Fetches.Add(1, tags);
    }

    public void RecordCache(string source, string result) =>
        CacheRequests.Add(1, new TagList { { "source", source }, { "result", result } });

    /// <param name="route">A route template ("/", "/d/{slug}"), never a raw path: label values must stay few.</param>
    public void RecordPageFirstByte(string route, int status, TimeSpan elapsed) =>
        PageFirstByte.Record(elapsed.TotalSeconds, new TagList { { "route", route }, { "status", status } });

    public void RecordPageRender(string route, int status, TimeSpan elapsed) =>
        PageRender.Record(elapsed.TotalSeconds, new TagList { { "route", route }, { "status", status } });

    public void RecordPageCache(string result) => PageCache.Add(1, new TagList { { "result", result } });

    public void RecordNotification(string webhook, string outcome) =>
        Notifications.Add(1, new TagList { { "webhook", webhook }, { "outcome", outcome } });

    public void Dispose() => meter.Dispose();
}
