using Dashboard.TimeRanges;

namespace Dashboard.Tests.TimeRanges;

public sealed class TimeExpressionTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData("now", "now")]
    [InlineData("NOW", "now")]
    [InlineData("now-15m", "now-15m")]
    [InlineData("now-60m", "now-1h")]
    [InlineData("now-90m", "now-90m")]
    [InlineData("now-24h", "now-24h")]
    [InlineData("now-1d", "now-24h")]
    [InlineData("now-48h", "now-2d")]
    [InlineData("now-1w", "now-7d")]
    [InlineData("now-3600s", "now-1h")]
    [InlineData(" now-6h ", "now-6h")]
    public void Relative_times_read_and_write_canonically(string text, string canonical)
    {
        var parsed = TimeExpression.Parse(text, TimeZoneInfo.Utc, out var problem);

        Assert.Null(problem);
        Assert.True(parsed!.Value.IsRelative);
        Assert.Equal(canonical, parsed.Value.ToString());
    }

    [Theory]
    [InlineData("2026-05-01T10:00:00Z", "2026-05-01T10:00:00Z")]
    [InlineData("2026-05-01T12:00:00+02:00", "2026-05-01T10:00:00Z")]
    [InlineData("2026-05-01T05:00:00-05:00", "2026-05-01T10:00:00Z")]
    [InlineData("2026-05-01T10:00:00.250Z", "2026-05-01T10:00:00.25Z")]
    [InlineData("1777629600000", "2026-05-01T10:00:00Z")]
    [InlineData("2026-05-01T10:00", "2026-05-01T10:00:00Z")]
    [InlineData("2026-05-01 10:00", "2026-05-01T10:00:00Z")]
    [InlineData("2026-05-01", "2026-05-01T00:00:00Z")]
    public void Absolute_times_are_iso_8601_or_unix_milliseconds_and_write_as_utc(string text, string canonical)
    {
        var parsed = TimeExpression.Parse(text, TimeZoneInfo.Utc, out var problem);

        Assert.Null(problem);
        Assert.False(parsed!.Value.IsRelative);
        Assert.Equal(canonical, parsed.Value.ToString());
    }

    [Fact]
    public void A_time_without_an_offset_is_in_the_configured_zone_across_a_clock_change()
    {
        Assert.Equal("2026-05-01T08:00:00Z", TimeExpression.Parse("2026-05-01T10:00", Paris, out _).ToString());
        Assert.Equal("2026-01-15T09:00:00Z", TimeExpression.Parse("2026-01-15 10:00", Paris, out _).ToString());

        // 02:30 does not exist in Paris on 2026-03-29 (clocks jump from 02:00 to 03:00): read as the wall time 03:30.
        Assert.Equal("2026-03-29T01:30:00Z", TimeExpression.Parse("2026-03-29T02:30", Paris, out _).ToString());

        // An explicit offset wins over the zone.
        Assert.Equal("2026-05-01T10:00:00Z", TimeExpression.Parse("2026-05-01T10:00:00Z", Paris, out _).ToString());
    }

    [Theory]
    [InlineData("yesterday", "is not a time")]
    [InlineData("now-6x", "is not a relative time")]
    [InlineData("now-", "is not a relative time")]
    [InlineData("now+1h", "lies in the future")]
    [InlineData("2026-13-01", "is not a time")]
    [InlineData("99999999999999999999", "too large")]
    [InlineData("<script>", "is not a time")]
    public void Unreadable_text_says_why(string text, string expected)
    {
        Assert.Null(TimeExpression.Parse(text, TimeZoneInfo.Utc, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_text_is_shortened_in_the_message()
    {
        TimeExpression.Parse(new string('x', 5000), TimeZoneInfo.Utc, out var problem);

        Assert.True(problem!.Length < 300);
    }
}
