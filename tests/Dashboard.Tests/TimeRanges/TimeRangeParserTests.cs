using Dashboard.TimeRanges;

namespace Dashboard.Tests.TimeRanges;

public sealed class TimeRangeParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 14, 3, 10, TimeSpan.Zero);

    private static TimeRangeInput Parse(string? from, string? to) => TimeRangeParser.Parse(from, to, TimeZoneInfo.Utc, Now);

    [Fact]
    public void No_ends_is_no_range_and_a_missing_end_is_now()
    {
        Assert.False(Parse(null, null).Given);
        Assert.False(Parse("", " ").Given);
        Assert.Equal("now-6h..now", Parse("now-6h", null).Range!.Key);
        Assert.Equal("now-6h..now", Parse("now-6h", "").Range!.Key);
    }

    [Theory]
    [InlineData(null, "now", "'from' is missing")]
    [InlineData("banana", "now", "from: 'banana' is not a time")]
    [InlineData("now-1h", "later", "to: 'later' is not a time")]
    [InlineData("soon", "later", "; to: 'later' is not a time")]
    [InlineData("now", "now-1h", "must be before the end")]
    [InlineData("now-1h", "now-1h", "must be before the end")]
    [InlineData("2026-12-02", "2026-12-01", "must be before the end")]
    [InlineData("now-400d", "now", "at most 366 days")]
    [InlineData("0", "now", "at most 366 days")]
    [InlineData("2026-12-06T00:00:00Z", "2026-12-07T00:00:00Z", "starts in the future")]
    [InlineData("now-1h", "2026-12-07T00:00:00Z", "must end at now or now-")]
    [InlineData("now+1h", "now", "lies in the future")]
    public void Bad_ranges_say_why(string? from, string? to, string expected)
    {
        var input = Parse(from, to);

        Assert.Null(input.Range);
        Assert.True(input.Given);
        Assert.Contains(expected, input.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absolute_range_may_end_after_now_a_day_under_way()
    {
        Assert.Equal("2026-12-05T00:00:00Z..2026-12-06T00:00:00Z", Parse("2026-12-05", "2026-12-06").Range!.Key);
    }

    [Fact]
    public void Presets_are_valid_ranges_with_distinct_keys()
    {
        Assert.Equal(6, TimeRangePresets.All.Select(p => p.Range.Key).Distinct().Count());
        Assert.All(TimeRangePresets.All, p => Assert.Null(TimeRangeRules.Problem(p.Range, Now)));
        Assert.Equal("Last 6 hours", TimeRangePresets.Find(Parse("now-360m", "now").Range!)!.Label);
        Assert.Null(TimeRangePresets.Find(Parse("now-5h", "now").Range!));
    }
}
