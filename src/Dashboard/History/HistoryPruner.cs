using Dashboard.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.History;

/// <summary>Hourly retention: deletes history points older than <see cref="HistoryOptions.Retention"/> and stored range
/// values not refreshed within <see cref="HistoryOptions.RangeValueRetention"/>. Deletes are idempotent, so several
/// instances pruning the same database do no harm.</summary>
public sealed class HistoryPruner(IDashboardStore store, IHistoryStore history, IOptions<HistoryOptions> options, TimeProvider time, ILogger<HistoryPruner> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionFromLegacyDays is { } days)
        {
            logger.LogWarning(
                "Dashboard:Storage:HistoryRetentionDays ({Days}) is deprecated and still honoured; set Dashboard:History:Retention (\"{Retention:c}\") instead",
                days, options.Value.Retention);
        }

        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "History pruning failed; will try again in {Interval}", Interval);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    // Stopping ends the wait quietly: a host that failed to start is disposed without being stopped, and the host
    // reports a background service's cancellation as a failure then.
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>One pass; returns the history points and range values deleted.</summary>
    public async Task<(int Points, int RangeValues)> PruneAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.Retention;
        var points = await store.PruneHistoryAsync(cutoff, cancellationToken);
        var rangeCutoff = now - options.Value.RangeValueRetention;
        var rangeValues = await history.PruneRangeValuesAsync(rangeCutoff, cancellationToken);
        if (points > 0 || rangeValues > 0)
        {
            logger.LogInformation(
                "Pruned {Points} history points older than {Cutoff:o} and {RangeValues} range values older than {RangeCutoff:o}",
                points, cutoff, rangeValues, rangeCutoff);
        }

        return (points, rangeValues);
    }
}
