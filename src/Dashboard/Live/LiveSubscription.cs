using System.Threading.Channels;
using Dashboard.TimeRanges;

namespace Dashboard.Live;

/// <summary>One open live connection to a dashboard (at one time range): receives the dashboard's newest version. Only the latest
/// version matters, so a slow reader never queues more than one.</summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<long> versions = Channel.CreateBounded<long>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Action<LiveSubscription> unsubscribe;
    private int disposed;

    internal LiveSubscription(string slug, TimeRange? range, Action<LiveSubscription> unsubscribe)
    {
        Slug = slug;
        Range = range;
        this.unsubscribe = unsubscribe;
    }

    public string Slug { get; }

    /// <summary>The time range the viewer's page shows; null for the dashboard's default.</summary>
    public TimeRange? Range { get; }

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
