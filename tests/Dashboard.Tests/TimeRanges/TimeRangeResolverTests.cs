using Dashboard.TimeRanges;

namespace Dashboard.Tests.TimeRanges;

/// <summary>Relative ranges are quantised to their bucket width, so viewers at different moments within one bucket share
/// one window (and with it one cache entry and one fetch).</summary>
public sealed class TimeRangeResolverTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 14, 3, 10, 500, TimeSpan.Zero);

    private static TimeRange Range(string from, string to = "now") =>
        TimeRangeParser.Parse(from, to, TimeZoneInfo.Utc, Now).Range ?? throw new ArgumentException(from);

    [Theory]
    [InlineData("now-15m", 5, "2026-12-05T13:48:15Z", "2026-12-05T14:03:15Z")]
    [InlineData("now-1h", 15, "2026-12-05T13:03:15Z", "2026-12-05T14:03:15Z")]
    [InlineData("now-6h", 120, "2026-12-05T08:04:00Z", "2026-12-05T14:04:00Z")]
    [InlineData("now-24h", 300, "2026-12-04T14:05:00Z", "2026-12-05T14:05:00Z")]
    [InlineData("now-7d", 3600, "2026-11-28T15:00:00Z", "2026-12-05T15:00:00Z")]
    [InlineData("now-30d", 10800, "2026-11-05T15:00:00Z", "2026-12-05T15:00:00Z")]
    public void Each_preset_ends_with_the_bucket_under_way_and_has_at_most_300_buckets(string from, int intervalSeconds, string start, string end)
    {
        var window = TimeRangeResolver.Resolve(Range(from), Now);

        Assert.Equal(TimeSpan.FromSeconds(intervalSeconds), window.Interval);
        Assert.Equal(start, TimeExpression.Absolute(window.From).ToString());
        Assert.Equal(end, TimeExpression.Absolute(window.To).ToString());
        Assert.True((window.To - window.From) / window.Interval <= 300);
        Assert.Equal($"{from}..now", window.Key);
    }

    [Fact]
    public void Viewers_anywhere_in_one_bucket_get_the_same_window_and_the_next_bucket_moves_it_by_one_interval()
    {
        var range = Range("now-6h");
        var bucketStart = new DateTimeOffset(2026, 12, 5, 14, 2, 0, TimeSpan.Zero);

        var windows = Enumerable.Range(0, 120).Select(s => TimeRangeResolver.Resolve(range, bucketStart.AddSeconds(s).AddMilliseconds(999 * (s % 2)))).ToList();
        var next = TimeRangeResolver.Resolve(range, bucketStart.AddMinutes(2));

        Assert.Single(windows.Distinct());
        Assert.Equal(windows[0].To + TimeSpan.FromMinutes(2), next.To);
        Assert.Equal(windows[0].Key, next.Key);
    }

    [Fact]
    public void An_equivalent_spelling_shares_the_key()
    {
        Assert.Equal(TimeRangeResolver.Resolve(Range("now-6h"), Now), TimeRangeResolver.Resolve(Range("now-360m", "now-0s"), Now));
    }

    [Fact]
    public void A_range_ending_before_now_is_quantised_too()
    {
        var window = TimeRangeResolver.Resolve(Range("now-2d", "now-24h"), Now);

        Assert.Equal("now-2d..now-24h", window.Key);
        Assert.Equal(TimeSpan.FromMinutes(5), window.Interval);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 14, 5, 0, TimeSpan.Zero), window.To);
        Assert.Equal(TimeSpan.FromDays(1), window.To - window.From);
    }

    [Fact]
    public void An_absolute_range_keeps_its_bounds_and_is_keyed_by_them()
    {
        var window = TimeRangeResolver.Resolve(Range("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z"), Now);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), window.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), window.To);
        Assert.Equal(TimeSpan.FromMinutes(5), window.Interval);
        Assert.Equal("2026-12-01T00:00:00Z..2026-12-02T00:00:00Z", window.Key);
        Assert.Equal(window, TimeRangeResolver.Resolve(Range("1796083200000", "1796169600000"), Now.AddDays(3)));
    }

    [Fact]
    public void An_absolute_start_until_now_keeps_its_start_and_quantises_its_end()
    {
        var window = TimeRangeResolver.Resolve(Range("2026-12-05T12:00:00Z"), Now);

        Assert.Equal(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero), window.From);
        Assert.Equal(TimeSpan.FromSeconds(30), window.Interval);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 14, 3, 30, TimeSpan.Zero), window.To);
        Assert.Equal("2026-12-05T12:00:00Z..now", window.Key);
    }

    [Fact]
    public void The_renewer_moves_relative_windows_to_now_and_keeps_the_others()
    {
        var renewer = new RelativeTimeWindowRenewer();
        var sixHours = TimeRangeResolver.Resolve(Range("now-6h"), Now);
        var absolute = TimeRangeResolver.Resolve(Range("2026-12-01", "2026-12-02"), Now);
        var later = Now.AddMinutes(10);

        Assert.Equal(TimeRangeResolver.Resolve(Range("now-6h"), later), renewer.Renew(sixHours, later));
        Assert.Equal(absolute, renewer.Renew(absolute, later));
        var unknown = sixHours with { Key = "test-hour" };
        Assert.Equal(unknown, renewer.Renew(unknown, later));
    }

    [Fact]
    public void Keys_read_back_only_when_canonical()
    {
        Assert.Equal(Range("now-6h"), TimeRange.FromKey("now-6h..now"));
        Assert.Null(TimeRange.FromKey("now-360m..now"));
        Assert.Null(TimeRange.FromKey("test-hour"));
    }
}
