using System.Collections.Concurrent;
using Dashboard.Storage;
using Dashboard.TimeRanges;
using Microsoft.Extensions.Options;

namespace Dashboard.History;

/// <summary>Reads a source's stored history over a dashboard's window for history charts. One database read per (source,
/// window) at a time, shared by every viewer (single flight), and reused for the shorter of the window's bucket width and
/// <see cref="MaxReuse"/>: 500 viewers of "last 30 days" make one read a minute, not 500. Points fetched since are added
/// from memory by the page (<see cref="HistoryMerge"/>). A viewer waits at most its deadline; the read itself is bounded
/// by <see cref="StorageOptions.CommandTimeout"/> and goes on for the next viewer.</summary>
public sealed class ValueHistory(IHistoryStore store, TimeProvider time, IOptions<StorageOptions> storage, ILogger<ValueHistory> logger)
{
    public static readonly TimeSpan MaxReuse = TimeSpan.FromMinutes(1);

    // Enough for every (source, range) in use at once; past it, expired reads are dropped first, then all.
    private const int MaxEntries = 512;

    private readonly ConcurrentDictionary<(string Source, long From, long To, long Interval), Read> reads = new();
    private long databaseReads;

    /// <summary>Database reads started (tests and the bench count them).</summary>
    public long DatabaseReads => Interlocked.Read(ref databaseReads);

    public async Task<HistorySeries> ReadAsync(string sourceName, TimeWindow window, TimeSpan deadline, CancellationToken viewerAborted)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ArgumentNullException.ThrowIfNull(window);
        var read = Shared(sourceName, window);
        try
        {
            return new HistorySeries(await read.Task.WaitAsync(deadline, time, viewerAborted), null);
        }
        catch (TimeoutException)
        {
            return HistorySeries.Unavailable("history not read in time");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !viewerAborted.IsCancellationRequested)
        {
            return HistorySeries.Unavailable("history unavailable");
        }
    }

    private Read Shared(string sourceName, TimeWindow window)
    {
        var key = (sourceName.ToLowerInvariant(), window.From.UtcTicks, window.To.UtcTicks, window.Interval.Ticks);
        var now = time.GetUtcNow();
        if (reads.TryGetValue(key, out var current) && current.Usable(now))
        {
            return current;
        }

        var reuse = window.Interval < MaxReuse ? window.Interval : MaxReuse;
        var started = new Read(new Lazy<Task<IReadOnlyList<HistoryBucket>>>(() => LoadAsync(sourceName, window)), now + reuse);
        var chosen = reads.AddOrUpdate(key, started, (_, old) => old.Usable(now) ? old : started);
        Trim(now);
        return chosen;
    }

    private async Task<IReadOnlyList<HistoryBucket>> LoadAsync(string sourceName, TimeWindow window)
    {
        Interlocked.Increment(ref databaseReads);
        using var timeout = new CancellationTokenSource(storage.Value.CommandTimeout, time);
        try
        {
            return await store.GetHistoryBucketsAsync(sourceName, window.From, window.To, window.Interval, timeout.Token);
        }
        catch (Exception ex)
        {
            // Not kept: the next viewer reads again (Read.Usable).
            logger.LogWarning("Could not read the history of {Source} over {Range}: {Error}", sourceName, window.Key, ex.GetType().Name);
            throw;
        }
    }

    private void Trim(DateTimeOffset now)
    {
        if (reads.Count <= MaxEntries)
        {
            return;
        }

        foreach (var (key, read) in reads)
        {
            if (read.Until <= now)
            {
                reads.TryRemove(new KeyValuePair<(string, long, long, long), Read>(key, read));
            }
        }

        if (reads.Count > MaxEntries)
        {
            reads.Clear();
        }
    }

    private sealed record Read(Lazy<Task<IReadOnlyList<HistoryBucket>>> Load, DateTimeOffset Until)
    {
        public Task<IReadOnlyList<HistoryBucket>> Task => Load.Value;

        /// <summary>Still within its reuse time and not failed (a running read is joined).</summary>
        public bool Usable(DateTimeOffset now) => Until > now && !Task.IsFaulted && !Task.IsCanceled;
    }
}
