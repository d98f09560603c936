using System.Diagnostics.Metrics;

namespace Dashboard.Metrics;

/// <summary>What one instrument has measured, by label set. Series are found by a hash of the tags and
/// an allocation-free comparison, in a copy-on-write array: reads never lock; a new label set (rare)
/// takes a short lock.</summary>
internal sealed class InstrumentAggregate
{
    // Prometheus' client defaults, for histograms without advice.
    private static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Lock addGate = new();
    private volatile MetricSeries[] series = [];

    private InstrumentAggregate(Instrument instrument, MetricKind kind, double[] bounds)
    {
        Instrument = instrument;
        Kind = kind;
        Bounds = bounds;
        Observable = instrument.IsObservable;
        Family = PrometheusNames.Family(instrument.Name, instrument.Unit, IsCounter(instrument));
        PrometheusType = kind switch
        {
            MetricKind.Histogram => "histogram",
            _ when IsCounter(instrument) => "counter",
            _ => "gauge",
        };
    }

    public Instrument Instrument { get; }

    public MetricKind Kind { get; }

    /// <summary>Histogram upper bounds, ascending (+Inf implied).</summary>
    public double[] Bounds { get; }

    public bool Observable { get; }

    /// <summary>The Prometheus family name, unit and <c>_total</c> suffixes included.</summary>
    public string Family { get; }

    /// <summary>counter, gauge or histogram.</summary>
    public string PrometheusType { get; }

    public IReadOnlyList<MetricSeries> Series => series;

    /// <summary>The scrape generation observable instruments are being collected for.</summary>
    public long Generation { get; set; }

    /// <summary>Null for instrument types this exporter does not know.</summary>
    public static InstrumentAggregate? TryCreate(Instrument instrument)
    {
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
        if (definition == typeof(Histogram<>))
        {
            return new InstrumentAggregate(instrument, MetricKind.Histogram, BoundsOf(instrument));
        }

        if (definition == typeof(Counter<>) || definition == typeof(UpDownCounter<>))
        {
            return new InstrumentAggregate(instrument, MetricKind.Sum, []);
        }

        // Observable counters report running totals, so every observation replaces the value.
        if (definition == typeof(Gauge<>) || instrument.IsObservable)
        {
            return new InstrumentAggregate(instrument, MetricKind.LastValue, []);
        }

        return null;
    }

    public void Record(double measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var target = Find(tags);
        switch (Kind)
        {
            case MetricKind.Sum:
                target.Add(measurement);
                break;
            case MetricKind.LastValue:
                target.Set(measurement);
                break;
            default:
                target.Observe(measurement, Bounds);
                break;
        }

        if (Observable)
        {
            target.Generation = Generation;
        }
    }

    private MetricSeries Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = MetricSeries.HashOf(tags);
        foreach (var existing in series)
        {
            if (existing.Matches(hash, tags))
            {
                return existing;
            }
        }

        lock (addGate)
        {
            // Another thread may have added it meanwhile.
            foreach (var existing in series)
            {
                if (existing.Matches(hash, tags))
                {
                    return existing;
                }
            }

            var labels = new KeyValuePair<string, string>[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                labels[i] = new(tags[i].Key, MetricSeries.TagText(tags[i].Value));
            }

            Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var created = new MetricSeries(labels, hash, Kind == MetricKind.Histogram ? Bounds.Length + 1 : 0);
            series = [.. series, created];
            return created;
        }
    }

    private static bool IsCounter(Instrument instrument)
    {
        var type = instrument.GetType();
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : null;
        return definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>);
    }

    private static double[] BoundsOf(Instrument instrument)
    {
        IReadOnlyList<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        IEnumerable<double> bounds = advised is { Count: > 0 } ? advised : DefaultBounds;
        return [.. bounds.Where(double.IsFinite).Distinct().Order()];
    }
}
