using System.Threading.Channels;

namespace Dashboard.Cluster;

/// <summary>One subscriber of a channel: payloads are queued as they arrive on the listening connection (never
/// handled on it, so a slow handler cannot stall the connection) and handed over one at a time, in order. A full
/// queue drops its oldest payload and asks for a resync instead, so nothing is silently missed.</summary>
internal sealed class ClusterSubscription : IDisposable
{
    private const int Capacity = 1024;

    private readonly Channel<string?> queue;
    private readonly Func<string, CancellationToken, Task> onMessage;
    private readonly Func<CancellationToken, Task> onResync;
    private readonly Action<ClusterSubscription> remove;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Task pump;
    private int behind;

    public ClusterSubscription(
        string channel,
        Func<string, CancellationToken, Task> onMessage,
        Func<CancellationToken, Task> onResync,
        Action<ClusterSubscription> remove,
        ILogger logger)
    {
        Channel = channel;
        this.onMessage = onMessage;
        this.onResync = onResync;
        this.remove = remove;
        this.logger = logger;

        // null stands for "resync".
        queue = System.Threading.Channels.Channel.CreateBounded<string?>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Volatile.Write(ref behind, 1));
        pump = Task.Run(PumpAsync);
    }

    public string Channel { get; }

    public void Deliver(string payload) => queue.Writer.TryWrite(payload);

    public void Resync() => queue.Writer.TryWrite(null);

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var payload in queue.Reader.ReadAllAsync(stop.Token))
            {
                try
                {
                    if (payload is null || Interlocked.Exchange(ref behind, 0) == 1)
                    {
                        await onResync(stop.Token);
                    }

                    if (payload is not null)
                    {
                        await onMessage(payload, stop.Token);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Handling a change announced on {Channel} failed", Channel);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Unsubscribed or shutting down.
        }
    }

    public void Dispose()
    {
        remove(this);
        queue.Writer.TryComplete();

        // Not disposed: the pump may still read its token while it winds down (it has no timer to free).
        stop.Cancel();
    }
}
