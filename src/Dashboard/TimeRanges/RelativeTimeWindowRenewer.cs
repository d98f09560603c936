using Dashboard.Sources.Ranges;

namespace Dashboard.TimeRanges;

/// <summary>Moves a cached entry's window on for a refresh nobody waits for (refresh-ahead, live viewers): a relative
/// range (its key reads as one, <c>now-6h..now</c>) is resolved again at now, so it ends in the bucket under way;
/// absolute ranges and keys that are not ranges stay as last read.</summary>
public sealed class RelativeTimeWindowRenewer : ITimeWindowRenewer
{
    public TimeWindow Renew(TimeWindow last, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(last);
        return TimeRange.FromKey(last.Key) is { IsRelative: true } range ? TimeRangeResolver.Resolve(range, now) : last;
    }
}
