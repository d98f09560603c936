namespace Dashboard.TimeRanges;

/// <summary>A dashboard's time range resolved for one fetch. Relative ranges are quantised to <see cref="Interval"/>, so
/// every viewer (and every instance) of "last 6 h" computes the same bounds; <see cref="Key"/> names the cache entry
/// (with its single flight) that those viewers share: the range as written for relative ranges (<c>now-6h..now</c>),
/// the bounds for absolute ones.</summary>
/// <param name="From">Inclusive start.</param>
/// <param name="To">Exclusive end.</param>
/// <param name="Interval">The bucket width sources aggregate by (at most about 300 points per panel).</param>
/// <param name="Key">Identifies the range for caching; equal keys share one cache entry per source.</param>
public sealed record TimeWindow(DateTimeOffset From, DateTimeOffset To, TimeSpan Interval, string Key);
