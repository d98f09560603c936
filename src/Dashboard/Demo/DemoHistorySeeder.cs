using Dashboard.Configuration;
using Dashboard.History;
using Dashboard.Sources.Ranges;
using Dashboard.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Demo;

/// <summary>Gives the demo's traffic sources (visitors, page views) a past: on a demo whose storage has no history for them
/// yet, their values over the last 30 days (<see cref="DemoHistoryTimes"/>) are written once, in the background, so the
/// history charts show every preset at once instead of a single point. Never with the demo APIs off.</summary>
public sealed class DemoHistorySeeder(
    IOptions<DemoOptions> demo,
    IDashboardConfigProvider config,
    IDashboardStore store,
    IHistoryStore history,
    TimeProvider time,
    ILogger<DemoHistorySeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!demo.Value.Enabled)
        {
            return;
        }

        try
        {
            await SeedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not seed the demo's history: {Error}", ex.Message);
        }
    }

    /// <summary>Returns the sources seeded.</summary>
    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var seeded = new List<string>();
        foreach (var (name, source) in config.Current.Options.Sources)
        {
            if (source.Http is not { } http
                || !string.Equals(http.Url, DemoApiCatalog.Traffic.Path, StringComparison.Ordinal)
                || DemoTraffic.ValueAt(http.Path, now) is null
                || TimeRangePlaceholders.UsesRange(source)
                || (await store.GetHistoryAsync(name, 1, cancellationToken)).Count > 0)
            {
                continue;
            }

            await history.AppendHistoryBatchAsync(
                [.. DemoHistoryTimes.Before(now).Select(at => new HistoryPoint(name, at, DemoTraffic.ValueAt(http.Path, at)!.Value))],
                cancellationToken);
            seeded.Add(name);
        }

        if (seeded.Count > 0)
        {
            logger.LogInformation("Seeded 30 days of demo history for {Sources}", string.Join(", ", seeded));
        }

        return seeded;
    }
}
