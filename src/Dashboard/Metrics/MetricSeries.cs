namespace Dashboard.Metrics;

/// <summary>One label set of one instrument: a running value or histogram buckets. Writers are lock-free
/// (Interlocked); a scrape may see a histogram mid-update, which Prometheus tolerates.</summary>
internal sealed class MetricSeries
{
    private readonly long[]? buckets;
    private double value;
    private double sum;

    public MetricSeries(KeyValuePair<string, string>[] labels, int hash, int bucketCount)
    {
        Labels = labels;
        Hash = hash;
        buckets = bucketCount > 0 ? new long[bucketCount] : null;
    }

    /// <summary>Sorted by key.</summary>
    public KeyValuePair<string, string>[] Labels { get; }

    public int Hash { get; }

    /// <summary>The scrape generation that last observed this series (observable instruments only).</summary>
    public long Generation { get; set; }

    public double Value => Volatile.Read(ref value);

    public double Sum => Volatile.Read(ref sum);

    public void Add(double amount) => AddTo(ref value, amount);

    public void Set(double newValue) => Volatile.Write(ref value, newValue);

    /// <summary>Counts a measurement in its bucket: the first bound it does not exceed, else +Inf (the last slot).</summary>
    public void Observe(double measurement, double[] bounds)
    {
        var index = Array.BinarySearch(bounds, measurement);
        if (index < 0)
        {
            index = ~index;
        }

        Interlocked.Increment(ref buckets![index]);
        AddTo(ref sum, measurement);
    }

    /// <summary>Per-bucket (not cumulative) counts; the last one is the +Inf bucket.</summary>
    public long BucketCount(int index) => Volatile.Read(ref buckets![index]);

    public bool Matches(int hash, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (hash != Hash || tags.Length != Labels.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            var found = false;
            foreach (var label in Labels)
            {
                if (string.Equals(label.Key, tag.Key, StringComparison.Ordinal))
                {
                    found = TagValueEquals(tag.Value, label.Value);
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    // Order-independent, so tags given in another order find the same series.
    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = 0;
        foreach (var tag in tags)
        {
            hash += HashCode.Combine(tag.Key, TagValueHash(tag.Value));
        }

        return hash;
    }

    public static string TagText(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // Strings (nearly every tag) compare without allocating; other values go through their text.
    private static bool TagValueEquals(object? value, string text) =>
        value is string s ? string.Equals(s, text, StringComparison.Ordinal) : string.Equals(TagText(value), text, StringComparison.Ordinal);

    private static int TagValueHash(object? value) => value is string s ? s.GetHashCode(StringComparison.Ordinal) : TagText(value).GetHashCode(StringComparison.Ordinal);

    private static void AddTo(ref double target, double amount)
    {
        var current = Volatile.Read(ref target);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref target, current + amount, current);
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }

            current = seen;
        }
    }
}
