using Microsoft.Extensions.Options;

namespace Dashboard.Storage;

/// <summary>Deletes sparkline history older than the retention, hourly. Deletes are idempotent, so
/// several instances pruning the same database do no harm.</summary>
public sealed class HistoryPruner(IDashboardStore store, IOptions<StorageOptions> options, TimeProvider time, ILogger<HistoryPruner> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var cutoff = time.GetUtcNow().AddDays(-options.Value.HistoryRetentionDays);
                var removed = await store.PruneHistoryAsync(cutoff, stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Pruned {Count} history points older than {Cutoff:o}", removed, cutoff);
                }
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
}
