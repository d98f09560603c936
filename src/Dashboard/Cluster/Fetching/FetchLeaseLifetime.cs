using Dashboard.Sources.Coordination;

namespace Dashboard.Cluster.Fetching;

/// <summary>Runs the PostgreSQL coordinator's background duties (nothing for the in-process one): listens for value
/// announcements, deletes lease rows nobody has used for a day, and at shutdown releases the leases this instance
/// holds, so the others fetch at once instead of waiting for them to expire.</summary>
public sealed partial class FetchLeaseLifetime(IFetchCoordinator coordinator, TimeProvider time, ILogger<FetchLeaseLifetime> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan KeepIdleRows = TimeSpan.FromDays(1);

    // Shutdown must not hang on a database that is gone: the leases then expire by themselves.
    private static readonly TimeSpan ReleaseBound = TimeSpan.FromSeconds(3);

    private IDisposable? subscription;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (coordinator is not PostgresFetchCoordinator postgres)
        {
            return Task.CompletedTask;
        }

        subscription = postgres.Subscribe();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var table = ((PostgresFetchCoordinator)coordinator).Table;
        try
        {
            // The first claim must not pay for opening a connection and preparing the row mappings: it has SharedReadWait.
            // A read of no row and a write that matches none.
            await table.ReadAsync(string.Empty, stoppingToken);
            await table.WriteAsync(FetchLeaseRow.Empty(string.Empty, string.Empty) with { Version = -1 }, time.GetUtcNow(), stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWarmUpFailed(logger, ex.GetType().Name);
        }

        using var timer = new PeriodicTimer(PruneEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var now = time.GetUtcNow();
                    await table.PruneAsync(now - KeepIdleRows, now, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPruneFailed(logger, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (coordinator is not PostgresFetchCoordinator postgres)
        {
            return;
        }

        subscription?.Dispose();
        await base.StopAsync(cancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(ReleaseBound);
        try
        {
            var released = await postgres.Table.ReleaseAllAsync(postgres.Holder, time.GetUtcNow(), bound.Token);
            LogReleased(logger, released);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogReleaseFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Released {Count} fetch leases at shutdown")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release this instance's fetch leases at shutdown ({Error}); they expire by themselves")]
    private static partial void LogReleaseFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Preparing the fetch lease table's connection failed ({Error}); the first claims may be slow")]
    private static partial void LogWarmUpFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleting unused fetch lease rows failed ({Error})")]
    private static partial void LogPruneFailed(ILogger logger, string error);
}
