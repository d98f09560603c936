using System.Threading.Channels;

namespace Dashboard.Live;

/// <summary>One open live connection to a dashboard: receives the dashboard's newest version. Only the latest
/// version matters, so a slow reader never queues more than one.</summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<long> versions = Channel.CreateBounded<long>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Action<LiveSubscription> unsubscribe;
    private int disposed;

    internal LiveSubscription(string slug, Action<LiveSubscription> unsubscribe)
    {
        Slug = slug;
        this.unsubscribe = unsubscribe;
    }

    public string Slug { get; }

    public ChannelReader<long> Versions => versions.Reader;

    internal void Offer(long version) => versions.Writer.TryWrite(version);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            unsubscribe(this);
        }
    }
}
