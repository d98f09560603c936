using Dashboard.Storage;

namespace Dashboard.Sources.Engine;

/// <summary>Cache state of one source: last good value, recent history, the shared in-flight refresh.</summary>
internal sealed class SourceEntry(string name)
{
    private volatile CachedValue? lastGood;
    private volatile HistoryPoint[] history = [];
    private string? fingerprint;
    private ISource? source;
    private string? sourceFingerprint;
    private string? announced;
    private volatile FetchOutcome? lastOutcome;

    public string Name { get; } = name;

    public Lock Gate { get; } = new();

    public Task<FetchOutcome>? InFlight { get; set; }

    public string? InFlightFingerprint { get; set; }

    public bool StoreChecked { get; set; }

    public bool HistoryLoaded { get; private set; }

    public CachedValue? LastGood => lastGood;

    /// <summary>How the last finished refresh ended (a failure keeps the last good value, and says why).</summary>
    public FetchOutcome? LastOutcome
    {
        get => lastOutcome;
        set => lastOutcome = value;
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
            HistoryLoaded = false;
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

    /// <summary>Takes a freshly fetched value unless the configuration moved on meanwhile.</summary>
    public bool Accept(string valueFingerprint, CachedValue value, int historyLimit)
    {
        lock (Gate)
        {
            if (fingerprint != valueFingerprint)
            {
                return false;
            }

            lastGood = value;
            if (value.Value.Number is { } number)
            {
                history = [.. history.Append(new HistoryPoint(Name, value.FetchedAt, number)).TakeLast(historyLimit)];
            }

            return true;
        }
    }

    /// <summary>Takes a value read from storage if it is newer than what is in memory.</summary>
    public void Adopt(string valueFingerprint, CachedValue value)
    {
        lock (Gate)
        {
            if (fingerprint == valueFingerprint && (lastGood is null || lastGood.FetchedAt < value.FetchedAt))
            {
                lastGood = value;
            }
        }
    }

    public void LoadHistory(IReadOnlyList<HistoryPoint> points)
    {
        lock (Gate)
        {
            // Merge, keeping points fetched in memory while storage was read.
            history = [.. points.Concat(history).DistinctBy(p => p.At).OrderBy(p => p.At).TakeLast(30)];
            HistoryLoaded = true;
        }
    }
}
