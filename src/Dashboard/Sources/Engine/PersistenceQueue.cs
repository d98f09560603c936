using System.Threading.Channels;
using Dashboard.Storage;

namespace Dashboard.Sources.Engine;

/// <summary>Writes last good values and history in the background through a bounded channel, so a
/// slow database never delays a page. When full, the oldest pending write is dropped (a newer value of
/// the same source follows it) and counted. On shutdown the queue is drained within the host's bound.</summary>
public sealed class PersistenceQueue : BackgroundService
{
    public const int Capacity = 10_000;
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly Channel<PersistenceWork> channel;
    private readonly IDashboardStore store;
    private readonly TimeProvider time;
    private readonly ILogger<PersistenceQueue> logger;
    private long dropped;

    public PersistenceQueue(IDashboardStore store, TimeProvider time, ILogger<PersistenceQueue> logger)
    {
        this.store = store;
        this.time = time;
        this.logger = logger;
        channel = Channel.CreateBounded<PersistenceWork>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref dropped));
    }

    public int Depth => channel.Reader.CanCount ? channel.Reader.Count : 0;

    public long Dropped => Interlocked.Read(ref dropped);

    public void Enqueue(PersistenceWork work)
    {
        if (!channel.Writer.TryWrite(work))
        {
            // Only after shutdown began: the value stays in memory, the next fetch persists again.
            Interlocked.Increment(ref dropped);
        }
    }

    /// <summary>Resolves once every item enqueued so far has been written (or given up on). For tests and shutdown.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (Depth > 0 || Volatile.Read(ref inFlight) > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    private int inFlight;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The reader keeps going after stoppingToken fires: StopAsync completes the writer and the
        // loop drains what is left, bounded by the host's shutdown timeout.
        await foreach (var work in channel.Reader.ReadAllAsync(CancellationToken.None))
        {
            Interlocked.Increment(ref inFlight);
            try
            {
                await WriteWithRetryAsync(work, stoppingToken);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        channel.Writer.TryComplete();
        logger.LogInformation("Flushing {Count} pending storage writes before exit", Depth);
        var drained = ExecuteTask ?? Task.CompletedTask;
        try
        {
            await drained.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Shutdown bound reached with {Count} storage writes still pending", Depth);
        }

        await base.StopAsync(CancellationToken.None);
    }

    private async Task WriteWithRetryAsync(PersistenceWork work, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await WriteAsync(work, CancellationToken.None);
                if (work is PersistenceWork.SaveLastGood { Written: { } written })
                {
                    await written();
                }

                return;
            }
            catch (Exception ex) when (attempt < RetryDelays.Length && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Storage write failed (attempt {Attempt}), retrying", attempt + 1);
                await Task.Delay(RetryDelays[attempt], time, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Storage write given up after {Attempts} attempts: {Work}", attempt + 1, work.GetType().Name);
                return;
            }
        }
    }

    private Task WriteAsync(PersistenceWork work, CancellationToken cancellationToken) => work switch
    {
        PersistenceWork.SaveLastGood save => store.SaveLastGoodAsync(save.Value, cancellationToken),
        PersistenceWork.AppendHistory append => store.AppendHistoryAsync(append.Point, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(work)),
    };
}
