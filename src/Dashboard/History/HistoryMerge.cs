using Dashboard.Storage;
using Dashboard.TimeRanges;

namespace Dashboard.History;

/// <summary>Adds the points this instance fetched since the stored history was read (they are written to storage in the
/// background, and a cached read predates them) to the buckets they fall in, so a chart always ends with the value the
/// panel shows. Only points newer than the newest stored one count, so nothing is counted twice.</summary>
public static class HistoryMerge
{
    public static IReadOnlyList<HistoryBucket> WithRecent(IReadOnlyList<HistoryBucket> stored, IEnumerable<HistoryPoint> recent, TimeWindow window)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(recent);
        ArgumentNullException.ThrowIfNull(window);
        var newestStored = stored.Count == 0 ? DateTimeOffset.MinValue : stored.Max(b => b.LastAt);
        var added = recent.Where(p => p.At > newestStored && p.At >= window.From && p.At < window.To && double.IsFinite(p.Value)).ToList();
        if (added.Count == 0)
        {
            return stored;
        }

        var buckets = stored.ToDictionary(b => b.At);
        foreach (var point in added)
        {
            var at = window.From + (window.Interval * Math.Floor((point.At - window.From) / window.Interval));
            buckets[at] = buckets.TryGetValue(at, out var b)
                ? new HistoryBucket(at, ((b.Avg * b.Count) + point.Value) / (b.Count + 1), Math.Min(b.Min, point.Value), Math.Max(b.Max, point.Value), b.Count + 1, point.At > b.LastAt ? point.At : b.LastAt)
                : new HistoryBucket(at, point.Value, point.Value, point.Value, 1, point.At);
        }

        return [.. buckets.Values.OrderBy(b => b.At)];
    }
}
