using System.Collections.Concurrent;

namespace Dashboard.Sources.Engine;

/// <summary>Per-source fetch statistics, written by the engine and the breaker, read cheaply by
/// panels and ops endpoints (no upstream calls, no blocking beyond a short lock).</summary>
public sealed class SourceStatusBoard(TimeProvider time)
{
    private const int LatencyWindow = 100;
    private readonly ConcurrentDictionary<string, Tracker> trackers = new(StringComparer.OrdinalIgnoreCase);

    public SourceStatus Get(string sourceName) => TrackerFor(sourceName).Snapshot(sourceName);

    public IReadOnlyList<SourceStatus> All() => trackers.Select(t => t.Value.Snapshot(t.Key)).ToArray();

    /// <summary>Raised after a source starts or stops failing, or its breaker opens or closes, and on the first
    /// success of a source added or reset (whose earlier state the board forgot). Raised outside
    /// the board's lock on the thread that recorded the change (inside a fetch or a breaker callback), so
    /// handlers must be quick, must not block and must not throw. Concurrent changes may arrive out of
    /// order: a handler that needs the current state reads it with <see cref="Get"/>.</summary>
    public event Action<SourceStateChange>? StateChanged;

    public void RecordSuccess(string sourceName, TimeSpan latency)
    {
        var at = time.GetUtcNow();
        if (TrackerFor(sourceName).Success(at, latency) is { } kind)
        {
            StateChanged?.Invoke(new SourceStateChange(sourceName, kind, at, null));
        }
    }

    /// <param name="publicReason">The generic reason, kept with the detailed one as the source's last cause.</param>
    /// <param name="byBreaker">The breaker refused the call: <paramref name="reason"/> names the earlier cause, which
    /// stays the last cause.</param>
    public void RecordFailure(string sourceName, string reason, TimeSpan latency, string? publicReason = null, bool byBreaker = false)
    {
        var at = time.GetUtcNow();
        if (TrackerFor(sourceName).Failure(at, reason, latency, byBreaker ? null : (reason, publicReason ?? PublicReasons.Failed)))
        {
            StateChanged?.Invoke(new SourceStateChange(sourceName, SourceStateChangeKind.Failing, at, reason));
        }
    }

    public void RecordBreaker(string sourceName, bool open)
    {
        if (TrackerFor(sourceName).Breaker(open))
        {
            var kind = open ? SourceStateChangeKind.BreakerOpened : SourceStateChangeKind.BreakerClosed;
            StateChanged?.Invoke(new SourceStateChange(sourceName, kind, time.GetUtcNow(), null));
        }
    }

    /// <summary>Forgets a source (removed, or its configuration changed).</summary>
    public void Reset(string sourceName) => trackers.TryRemove(sourceName, out _);

    private Tracker TrackerFor(string name) => trackers.GetOrAdd(name, static _ => new Tracker());

    private sealed class Tracker
    {
        private readonly Lock gate = new();
        private readonly Queue<TimeSpan> latencies = new();
        private DateTimeOffset? lastSuccess;
        private DateTimeOffset? lastFailure;
        private string? lastReason;
        private (string Reason, string Public)? lastCause;
        private TimeSpan? lastLatency;
        private int consecutiveFailures;
        private bool breakerOpen;
        private long successes;
        private long failures;

        private bool recorded;

        private bool Failing => breakerOpen || consecutiveFailures > 0;

        /// <returns>Recovered when this success ended a failing spell, FirstSuccess when it is the first
        /// result since the source was added or reset, else null.</returns>
        public SourceStateChangeKind? Success(DateTimeOffset at, TimeSpan latency)
        {
            lock (gate)
            {
                var wasFailing = Failing;
                var first = !recorded;
                recorded = true;
                lastSuccess = at;
                consecutiveFailures = 0;
                successes++;
                Add(latency);
                return wasFailing && !Failing ? SourceStateChangeKind.Recovered
                    : first ? SourceStateChangeKind.FirstSuccess
                    : null;
            }
        }

        /// <returns>True when this failure started a failing spell.</returns>
        public bool Failure(DateTimeOffset at, string reason, TimeSpan latency, (string Reason, string Public)? cause)
        {
            lock (gate)
            {
                recorded = true;
                var wasFailing = Failing;
                lastFailure = at;
                lastReason = reason;
                lastCause = cause ?? lastCause;
                consecutiveFailures++;
                failures++;
                Add(latency);
                return !wasFailing;
            }
        }

        /// <returns>True when the breaker state changed.</returns>
        public bool Breaker(bool open)
        {
            lock (gate)
            {
                var changed = breakerOpen != open;
                breakerOpen = open;
                return changed;
            }
        }

        public SourceStatus Snapshot(string name)
        {
            lock (gate)
            {
                return new SourceStatus
                {
                    SourceName = name,
                    LastSuccessAt = lastSuccess,
                    LastFailureAt = lastFailure,
                    LastFailureReason = lastReason,
                    LastCause = lastCause?.Reason,
                    LastPublicCause = lastCause?.Public,
                    LastLatency = lastLatency,
                    ConsecutiveFailures = consecutiveFailures,
                    BreakerOpen = breakerOpen,
                    Successes = successes,
                    Failures = failures,
                    RecentLatencies = latencies.ToArray(),
                };
            }
        }

        private void Add(TimeSpan latency)
        {
            lastLatency = latency;
            latencies.Enqueue(latency);
            if (latencies.Count > LatencyWindow)
            {
                latencies.Dequeue();
            }
        }
    }
}
