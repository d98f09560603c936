namespace Dashboard.Sources.Engine;

/// <summary>Runs <see cref="SourceEngine.RefreshAhead"/> every <see cref="Interval"/> with the standing interests (live
/// viewers) of every <see cref="IReadInterestSource"/>: values being read are refreshed before they expire, so in steady
/// state no viewer waits for a cacheable source; entries nobody reads are never fetched.</summary>
public sealed class RefreshAheadService(
    SourceEngine engine,
    IEnumerable<IReadInterestSource> interests,
    TimeProvider time,
    ILogger<RefreshAheadService> logger) : BackgroundService
{
    /// <summary>How often due entries are looked for: a value is refreshed at most this long after it became due.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // The refreshes go on by themselves (each ends in an outcome, never an exception).
                    engine.RefreshAhead(interests.SelectMany(i => i.Current()));
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "A refresh-ahead pass failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
