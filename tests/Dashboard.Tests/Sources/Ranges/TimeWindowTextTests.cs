using Dashboard.Sources;
using Dashboard.Sources.Ranges;
using Dashboard.Tests.Support;
using Dashboard.TimeRanges;

namespace Dashboard.Tests.Sources.Ranges;

public sealed class TimeWindowTextTests
{
    [Theory]
    [InlineData("{from}", "2026-12-05T13:00:00Z")]
    [InlineData("{to}", "2026-12-05T14:00:00Z")]
    [InlineData("{from:ms}", "1796475600000")]
    [InlineData("{to:s}", "1796479200")]
    [InlineData("{interval}", "PT15S")]
    [InlineData("{interval:ms}", "15000")]
    [InlineData("{interval:s}", "15")]
    [InlineData("from={from}&to={to}", "from=2026-12-05T13:00:00Z&to=2026-12-05T14:00:00Z")]
    public void Each_form_gives_its_text(string template, string expected)
    {
        Assert.Equal(expected, TimeWindowText.Substitute(template, TestWindows.Hour, v => v));
    }

    [Fact]
    public void Fractions_show_only_when_there_are_some_and_days_are_an_iso_duration()
    {
        var window = new TimeWindow(TestWindows.From.AddMilliseconds(250), TestWindows.To, TimeSpan.FromDays(1), "k");

        Assert.Equal("2026-12-05T13:00:00.25Z P1D 86400", TimeWindowText.Substitute("{from} {interval} {interval:s}", window, v => v));
    }

    [Fact]
    public void The_escape_of_the_place_is_applied_to_each_value()
    {
        Assert.Equal("/x/2026-12-05T13%3A00%3A00Z", TimeWindowText.Substitute("/x/{from}", TestWindows.Hour, Uri.EscapeDataString));
    }

    [Fact]
    public void An_unknown_form_fails_the_fetch_as_a_configuration_error()
    {
        var failure = Assert.Throws<SourceFailureException>(() => TimeWindowText.Substitute("{to:weeks}", TestWindows.Hour, v => v));

        Assert.Equal(PublicReasons.Configuration, failure.PublicReason);
    }

    [Theory]
    [InlineData(3600, 15)]
    [InlineData(300, 1)]
    [InlineData(21600, 120)]
    [InlineData(86400, 300)]
    [InlineData(604800, 3600)]
    [InlineData(2592000, 10800)]
    public void Buckets_are_the_smallest_nice_width_giving_at_most_300_points(int spanSeconds, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), BucketInterval.For(TimeSpan.FromSeconds(spanSeconds)));
    }

    [Fact]
    public void The_default_window_is_the_last_hour_ending_with_the_bucket_under_way()
    {
        var window = DefaultTimeWindow.At(new DateTimeOffset(2026, 12, 5, 14, 0, 14, 900, TimeSpan.FromHours(1)));

        Assert.Equal(new TimeWindow(
            new DateTimeOffset(2026, 12, 5, 12, 0, 15, TimeSpan.Zero), new DateTimeOffset(2026, 12, 5, 13, 0, 15, TimeSpan.Zero), TimeSpan.FromSeconds(15), "now-1h..now"),
            window);
        Assert.Equal(window, new DefaultTimeWindowRenewer().Renew(TestWindows.Hour with { Key = "now-1h..now" }, window.To.AddSeconds(-15)));
        Assert.Equal(TestWindows.Hour, new DefaultTimeWindowRenewer().Renew(TestWindows.Hour, window.To));
    }
}
