using Dashboard.Panels.Formatting;

namespace Dashboard.Tests.Panels.Formatting;

public sealed class TimeTextTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-01-01T12:00:00Z")]
    [InlineData("2026-01-01T13:00:00+01:00")]
    [InlineData("2026-01-01 12:00:00")]
    [InlineData("2026-01-01T12:00:00.000")]
    [InlineData("1767268800")]
    [InlineData("1767268800000")]
    [InlineData(" 1767268800.0 ")]
    public void Iso_text_and_unix_seconds_or_milliseconds_are_times(string text)
    {
        Assert.True(TimeText.TryParse(text, out var at));
        Assert.Equal(Noon, at);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12:05")]
    [InlineData("Jan 1")]
    [InlineData("order")]
    [InlineData("NaN")]
    [InlineData("1e300")]
    public void Anything_else_is_not(string? text)
    {
        Assert.False(TimeText.TryParse(text, out _));
    }
}
