using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dashboard.Bench;

/// <summary>What all circuit viewers of a run add up to. Only the measured window counts: versions first received in
/// it, the render batches received in it, and the delay, for each such version, from the first viewer receiving it to
/// each viewer receiving it (LiveRunner's meaning, minus its 0-200 ms refresh spread: a circuit pushes the change).
/// Connecting viewers are kept out so that 500 circuits starting do not count as update delay. Beside it, the delay
/// from the app announcing a version (its /live SSE stream, which the grid's circuit subscription also follows) to each
/// viewer receiving it: that one includes the server's re-read and render before the first push.</summary>
public sealed class CircuitTally
{
    private readonly ConcurrentDictionary<long, long> firstReceived = new();
    private readonly ConcurrentBag<double> delays = [];
    private readonly ConcurrentDictionary<long, long> announced = new();
    private readonly ConcurrentBag<double> announceDelays = [];
    private readonly ConcurrentDictionary<string, long> failuresByKind = new();
    private long windowStart = long.MaxValue;
    private long windowEnd = long.MaxValue;
    private long refreshes;

    public long Refreshes => Interlocked.Read(ref refreshes);

    public long Failures => failuresByKind.Values.Sum();

    public IReadOnlyCollection<double> Delays => delays;

    public IReadOnlyCollection<double> AnnounceDelays => announceDelays;

    /// <summary>Versions first received inside the window.</summary>
    public int Versions => firstReceived.Values.Count(InWindow);

    public void StartWindow() => Interlocked.Exchange(ref windowStart, Stopwatch.GetTimestamp());

    public void EndWindow() => Interlocked.Exchange(ref windowEnd, Stopwatch.GetTimestamp());

    /// <summary>The app announced <paramref name="version"/> (heard on its SSE stream).</summary>
    public void Announce(long version) => announced.TryAdd(version, Stopwatch.GetTimestamp());

    /// <summary>A render batch after a viewer's first. <paramref name="held"/> is the newest version that viewer has;
    /// a newer <paramref name="version"/> in the batch moves it on and, in the window, gives a delay sample.</summary>
    public void Batch(long? version, ref long held)
    {
        var now = Stopwatch.GetTimestamp();
        if (InWindow(now))
        {
            Interlocked.Increment(ref refreshes);
        }

        if (version is not { } received || received <= held)
        {
            return;
        }

        held = received;
        var first = firstReceived.GetOrAdd(received, now);
        if (InWindow(first) && InWindow(now))
        {
            delays.Add(Stopwatch.GetElapsedTime(first, now).TotalMilliseconds);
        }

        if (announced.TryGetValue(received, out var announcement) && InWindow(announcement) && InWindow(now))
        {
            announceDelays.Add(Stopwatch.GetElapsedTime(announcement, now).TotalMilliseconds);
        }
    }

    /// <summary>Counts a failure; the first of each kind is printed (500 viewers would repeat it 500 times).</summary>
    public void Fail(string kind, string message)
    {
        if (failuresByKind.AddOrUpdate(kind, 1, (_, count) => count + 1) == 1)
        {
            Console.Error.WriteLine($"[circuits] {kind}: {message}");
        }
    }

    public string FailureSummary() =>
        failuresByKind.IsEmpty ? "no failures" : string.Join(", ", failuresByKind.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"));

    private bool InWindow(long timestamp) => timestamp >= Interlocked.Read(ref windowStart) && timestamp <= Interlocked.Read(ref windowEnd);
}
