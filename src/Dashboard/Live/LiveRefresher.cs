using Dashboard.Configuration;
using Dashboard.Sources.Engine;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary>While a dashboard has live viewers, refreshes its sources as their cached values go stale (and a failing
/// one at most every <see cref="LiveOptions.MinInterval"/>), through the engine's single flight: upstream calls depend
/// on the sources' <c>MaxAge</c>, never on how many viewers watch. Nobody watching, nothing is called.</summary>
public sealed class LiveRefresher(
    LiveUpdates live,
    SourceEngine engine,
    IDashboardConfigProvider config,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<LiveRefresher> logger) : BackgroundService
{
    /// <summary>How often due sources are looked for: a watched value is refreshed at most this long after it went stale.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, (DateTimeOffset StartedAt, Task Read)> reads = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // The reads go on by themselves: each is logged if it fails, and the next tick looks at them.
                _ = RefreshDueSources(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Starts a read of every watched source that is due, and returns those reads; public for tests, which
    /// drive it without a timer and await the reads before moving their clock on.</summary>
    public IReadOnlyList<Task> RefreshDueSources(CancellationToken stoppingToken)
    {
        var snapshot = config.Current;
        var watched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var slug in live.WatchedDashboards())
        {
            foreach (var panel in snapshot.FindDashboard(slug)?.Panels ?? [])
            {
                watched.Add(panel.Source);
            }
        }

        foreach (var gone in reads.Keys.Where(s => !watched.Contains(s)).ToList())
        {
            reads.Remove(gone);
        }

        var now = time.GetUtcNow();
        var started = new List<Task>();
        foreach (var source in watched)
        {
            if (snapshot.FindSource(source) is not { } sourceOptions
                || (reads.TryGetValue(source, out var last) && (!last.Read.IsCompleted || now - last.StartedAt < options.Value.MinInterval))
                || engine.CacheAge(source) < sourceOptions.MaxAge)
            {
                continue;
            }

            // The engine's read starts (or joins) the shared refresh; its end raises Refreshed, which tells the viewers.
            var read = ReadAsync(source, stoppingToken);
            reads[source] = (now, read);
            started.Add(read);
        }

        return started;
    }

    private async Task ReadAsync(string source, CancellationToken stoppingToken)
    {
        try
        {
            await engine.ReadAsync(source, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Live refresh of source {Source} failed", source);
        }
    }
}
