using Dashboard.Sources.Ranges;

namespace Dashboard.TimeRanges;

/// <summary>Turns a <see cref="TimeRange"/> into the <see cref="TimeWindow"/> sources get. The bucket width is
/// <see cref="BucketInterval.For"/> the span (at most about 300 points). A range ending at (or before) now is quantised:
/// its end is the end of the bucket now falls in, so every viewer (and every instance) of "last 6 h" computes the same
/// bounds until the next bucket starts, and the bucket under way is always included. Absolute bounds stay as written.</summary>
public static class TimeRangeResolver
{
    public static TimeWindow Resolve(TimeRange range, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (!range.IsRelative)
        {
            var from = range.From.Instant!.Value;
            var to = range.To.Instant!.Value;
            return new TimeWindow(from, to, BucketInterval.For(to - from), range.Key);
        }

        var end = range.To.At(now);
        if (range.From.Ago is { } ago)
        {
            var span = ago - range.To.Ago!.Value;
            var interval = BucketInterval.For(span);
            var quantisedEnd = EndOfBucket(end, interval);
            return new TimeWindow(quantisedEnd - span, quantisedEnd, interval, range.Key);
        }

        // From a fixed instant until now: the span grows, the start stays.
        var start = range.From.Instant!.Value;
        var width = BucketInterval.For(end - start);
        return new TimeWindow(start, EndOfBucket(end, width), width, range.Key);
    }

    /// <summary>The end of the bucket (aligned on multiples of <paramref name="interval"/> since the unix epoch) that
    /// <paramref name="at"/> lies in.</summary>
    public static DateTimeOffset EndOfBucket(DateTimeOffset at, TimeSpan interval)
    {
        var sinceEpoch = at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var start = sinceEpoch - (sinceEpoch % interval.Ticks);
        return DateTimeOffset.UnixEpoch.AddTicks(start + interval.Ticks);
    }
}
