using Dashboard.Sources.Coordination;
using Dashboard.Storage;
using Dashboard.TimeRanges;

namespace Dashboard.Sources.Engine;

/// <summary>Cache state of one entry (a source, or a source and a time range): last good value, recent history, the
/// shared in-flight refresh, the back-off after failures and who read it when (for refresh-ahead).</summary>
internal sealed class SourceEntry(FetchKey key, TimeWindow window)
{
    private volatile CachedValue? lastGood;
    private volatile HistoryPoint[] history = [];
    private string? fingerprint;
    private ISource? source;
    private string? sourceFingerprint;
    private string? announced;
    private volatile FetchOutcome? lastOutcome;
    private volatile BackoffState? backoff;
    private volatile TimeWindow window = window;
    private long lastReadTicks;
    private long liveUntilTicks;

    public FetchKey Key { get; } = key;

    public string Name => Key.Source;

    public Lock Gate { get; } = new();

    public Task<FetchOutcome>? InFlight { get; set; }

    public string? InFlightFingerprint { get; set; }

    /// <summary>When the running (or last) refresh started.</summary>
    public DateTimeOffset InFlightStartedAt { get; set; }

    public bool StoreChecked { get; set; }

    /// <summary>Whether loading the stored history has been started (it runs in the background, see <see cref="LoadHistory"/>).</summary>
    public bool HistoryRequested { get; set; }

    public CachedValue? LastGood => lastGood;

    /// <summary>How the last finished refresh ended (a failure keeps the last good value, and says why).</summary>
    public FetchOutcome? LastOutcome
    {
        get => lastOutcome;
        set => lastOutcome = value;
    }

    /// <summary>Set while the entry is failing: no fetch before its retry time.</summary>
    public BackoffState? Backoff
    {
        get => backoff;
        set => backoff = value;
    }

    /// <summary>The window of the latest read: a refresh nobody waits for (refresh-ahead) fetches it, renewed.</summary>
    public TimeWindow Window
    {
        get => window;
        set => window = value;
    }

    /// <summary>When refresh-ahead should fetch the next value (set with each new value).</summary>
    public DateTimeOffset RefreshAheadAt { get; set; }

    /// <summary>Last time a page, a live viewer or another reader asked for this entry.</summary>
    public DateTimeOffset LastReadAt => new(Interlocked.Read(ref lastReadTicks), TimeSpan.Zero);

    public void NoteRead(DateTimeOffset at) => Interlocked.Exchange(ref lastReadTicks, at.UtcTicks);

    /// <summary>Live viewers watch this entry until then (renewed while they do), refreshed at most every <see cref="LiveMinInterval"/>.</summary>
    public DateTimeOffset LiveUntil => new(Interlocked.Read(ref liveUntilTicks), TimeSpan.Zero);

    public TimeSpan LiveMinInterval { get; private set; }

    public void NoteLive(DateTimeOffset until, TimeSpan minInterval)
    {
        LiveMinInterval = minInterval;
        Interlocked.Exchange(ref liveUntilTicks, until.UtcTicks);
    }

    /// <summary>Records what a finished refresh shows; false when that is what was announced last.</summary>
    public bool Announce(string shown) => Interlocked.Exchange(ref announced, shown) != shown;

    public IReadOnlyList<HistoryPoint> History => history;

    /// <summary>A configuration change clears what was fetched under the old one.</summary>
    public void EnsureFingerprint(string current)
    {
        if (Volatile.Read(ref fingerprint) == current)
        {
            return;
        }

        lock (Gate)
        {
            if (fingerprint == current)
            {
                return;
            }

            fingerprint = current;
            lastGood = null;
            history = [];
            backoff = null;
            HistoryRequested = false;
            StoreChecked = false;
        }
    }

    public ISource SourceFor(string currentFingerprint, Func<ISource> create)
    {
        lock (Gate)
        {
            if (source is null || sourceFingerprint != currentFingerprint)
            {
                source = create();
                sourceFingerprint = currentFingerprint;
            }

            return source;
        }
    }

    /// <summary>Takes a freshly fetched value unless the configuration moved on meanwhile; only entries without a range
    /// keep history (sparklines plot a scalar over time, not over a range).</summary>
    public bool Accept(string valueFingerprint, CachedValue value, int historyLimit)
    {
        lock (Gate)
        {
            if (fingerprint != valueFingerprint)
            {
                return false;
            }

            lastGood = value;
            backoff = null;
            if (Key.Range is null && value.Value.Number is { } number)
            {
                history = [.. history.Append(new HistoryPoint(Name, value.FetchedAt, number)).TakeLast(historyLimit)];
            }

            return true;
        }
    }

    /// <summary>Takes a value read from storage if it is newer than what is in memory.</summary>
    public bool Adopt(string valueFingerprint, CachedValue value)
    {
        lock (Gate)
        {
            if (fingerprint == valueFingerprint && (lastGood is null || lastGood.FetchedAt < value.FetchedAt))
            {
                lastGood = value;
                return true;
            }

            return false;
        }
    }

    public void LoadHistory(IReadOnlyList<HistoryPoint> points, int historyLimit)
    {
        lock (Gate)
        {
            // Merge, keeping points fetched in memory while storage was read.
            history = [.. points.Concat(history).DistinctBy(p => p.At).OrderBy(p => p.At).TakeLast(historyLimit)];
        }
    }
}
