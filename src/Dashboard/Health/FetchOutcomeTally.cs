using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dashboard.Metrics;

namespace Dashboard.Health;

/// <summary>Fetch counts by source and outcome for /health, taken from the engine's fetch counter (the
/// status board counts only successes and failures). Listens to this app's instrument only.</summary>
public sealed class FetchOutcomeTally : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, long>> counts = new(StringComparer.OrdinalIgnoreCase);
    private readonly MeterListener listener = new();
    private int started;

    public FetchOutcomeTally(DashboardMetrics metrics)
    {
        var fetches = metrics.Fetches;
        listener.InstrumentPublished = (instrument, source) =>
        {
            if (ReferenceEquals(instrument, fetches))
            {
                source.EnableMeasurementEvents(instrument, this);
            }
        };
        listener.SetMeasurementEventCallback<long>(static (_, amount, tags, state) => ((FetchOutcomeTally)state!).Add(amount, tags));
    }

    public void Start()
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            listener.Start();
        }
    }

    public IReadOnlyDictionary<string, long> For(string source) =>
        counts.TryGetValue(source, out var bySource)
            ? bySource.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value)
            : new Dictionary<string, long>();

    private void Add(long amount, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? source = null;
        string? outcome = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "source")
            {
                source = tag.Value as string;
            }
            else if (tag.Key == "outcome")
            {
                outcome = tag.Value as string;
            }
        }

        if (source is null || outcome is null)
        {
            return;
        }

        var bySource = counts.GetOrAdd(source, static _ => new ConcurrentDictionary<string, long>(StringComparer.Ordinal));
        bySource.AddOrUpdate(outcome, amount, (_, n) => n + amount);
    }

    public void Dispose() => listener.Dispose();
}
