using Dashboard.TimeRanges;

namespace Dashboard.Sources.Ranges;

/// <summary>The window a source that uses the time range gets when read without one: by the admin's test page, health,
/// background refreshes and pages that have no range yet. The last hour (<see cref="TimeRange.LastHour"/>), in
/// <see cref="BucketInterval"/> buckets (15 s), resolved like every relative range (<see cref="TimeRangeResolver"/>: it
/// ends with the bucket now lies in), so every reader in the same bucket shares one cache entry and one fetch. Its key is
/// the one a page showing "last 1 h" uses, so both share that entry.</summary>
public static class DefaultTimeWindow
{
    public static readonly TimeSpan Span = TimeSpan.FromHours(1);

    public const string Key = "now-1h..now";

    public static TimeWindow At(DateTimeOffset now) => TimeRangeResolver.Resolve(TimeRange.LastHour, now);
}
