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

    public void RecordSuccess(string sourceName, TimeSpan latency) => TrackerFor(sourceName).Success(time.GetUtcNow(), latency);

    public void RecordFailure(string sourceName, string reason, TimeSpan latency) => TrackerFor(sourceName).Failure(time.GetUtcNow(), reason, latency);

    public void RecordBreaker(string sourceName, bool open) => TrackerFor(sourceName).Breaker(open);

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
        private TimeSpan? lastLatency;
        private int consecutiveFailures;
        private bool breakerOpen;
        private long successes;
        private long failures;

        public void Success(DateTimeOffset at, TimeSpan latency)
        {
            lock (gate)
            {
                lastSuccess = at;
                consecutiveFailures = 0;
                successes++;
                Add(latency);
            }
        }

        public void Failure(DateTimeOffset at, string reason, TimeSpan latency)
        {
            lock (gate)
            {
                lastFailure = at;
                lastReason = reason;
                consecutiveFailures++;
                failures++;
                Add(latency);
            }
        }

        public void Breaker(bool open)
        {
            lock (gate)
            {
                breakerOpen = open;
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
