using System.Collections.Concurrent;
using Dashboard.Sources.Coordination;

namespace Dashboard.Cluster.Fetching;

/// <summary>The newest version published per entry on this instance (its own publications and other instances'
/// announcements), and whoever waits for a newer one. A wait that starts just after the publication it waits for
/// still sees it.</summary>
public sealed class PublicationWaiters
{
    // Entries nobody waits for are forgotten once this many are remembered (range keys come and go).
    private const int Remembered = 4096;

    private readonly ConcurrentDictionary<FetchKey, Entry> entries = new();

    public void Publish(FetchKey key, long version)
    {
        TaskCompletionSource<long>? waiting = null;
        while (true)
        {
            var entry = entries.GetOrAdd(key, static _ => new Entry());
            lock (entry)
            {
                if (entry.Removed)
                {
                    continue;
                }

                if (version > entry.Version)
                {
                    entry.Version = version;
                    (waiting, entry.Signal) = (entry.Signal, null);
                }

                break;
            }
        }

        waiting?.TrySetResult(version);
        if (entries.Count > Remembered)
        {
            Forget();
        }
    }

    public async Task<long> WaitAsync(FetchKey key, long afterVersion, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<long> signal;
            var entry = entries.GetOrAdd(key, static _ => new Entry());
            lock (entry)
            {
                if (entry.Removed)
                {
                    continue;
                }

                if (entry.Version > afterVersion)
                {
                    return entry.Version;
                }

                entry.Signal ??= new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                signal = entry.Signal.Task;
            }

            var version = await signal.WaitAsync(cancellationToken);
            if (version > afterVersion)
            {
                return version;
            }
        }
    }

    private void Forget()
    {
        foreach (var (key, entry) in entries)
        {
            lock (entry)
            {
                if (entry.Signal is null)
                {
                    entry.Removed = true;
                    entries.TryRemove(new KeyValuePair<FetchKey, Entry>(key, entry));
                }
            }
        }
    }

    private sealed class Entry
    {
        public bool Removed { get; set; }

        public long Version { get; set; }

        public TaskCompletionSource<long>? Signal { get; set; }
    }
}
