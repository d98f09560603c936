using Dashboard.Panels.Charts;

namespace Dashboard.Tests.Panels.Charts;

public sealed class TimeTicksTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_hour_gets_ticks_on_round_minutes_labelled_with_the_clock_time()
    {
        var ticks = TimeTicks.For(Noon.AddMinutes(-63), Noon, TimeZoneInfo.Utc, 7);

        Assert.Equal(["11:00", "11:10", "11:20", "11:30", "11:40", "11:50", "12:00"], ticks.Select(t => t.Label));
        Assert.All(ticks, t => Assert.Equal(0, t.At.Minute % 10));
        // Every other tick is major, counted from midnight, so the labels that stay on a narrow chart do not move.
        Assert.Equal([true, false, true, false, true, false, true], ticks.Select(t => t.Major));
    }

    [Fact]
    public void Midnight_is_labelled_with_the_date()
    {
        var ticks = TimeTicks.For(Noon.AddHours(-48), Noon, TimeZoneInfo.Utc, 7);

        Assert.Equal(["12:00", "Dec 31", "12:00", "Jan 1", "12:00"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void Labels_are_in_the_configured_time_zone()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

        var ticks = TimeTicks.For(Noon.AddHours(-1), Noon, paris, 2);

        // 11:00–12:00 UTC is 12:00–13:00 in Paris (UTC+1 in January).
        Assert.Equal(["12:00", "12:30", "13:00"], ticks.Select(t => t.Label));
        Assert.Equal(Noon.AddHours(-1), ticks[0].At);
    }

    [Fact]
    public void A_day_with_a_daylight_saving_change_keeps_round_local_hours_and_skips_the_missing_one()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        // 2026-03-29: clocks go from 02:00 to 03:00 in Paris.
        var from = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);

        var ticks = TimeTicks.For(from, from.AddHours(5), paris, 6);

        Assert.Equal(["01:00", "03:00", "04:00", "05:00", "06:00", "07:00"], ticks.Select(t => t.Label));
        Assert.Equal(ticks.Count, ticks.Select(t => t.At).Distinct().Count());
        Assert.True(ticks.Zip(ticks.Skip(1)).All(p => p.First.At < p.Second.At));
    }

    [Fact]
    public void Weeks_and_months_get_day_and_month_labels_with_the_year_in_january()
    {
        var days = TimeTicks.For(Noon.AddDays(-7), Noon, TimeZoneInfo.Utc, 8);
        Assert.Equal(["Dec 26", "Dec 27", "Dec 28", "Dec 29", "Dec 30", "Dec 31", "Jan 1"], days.Select(t => t.Label));

        var months = TimeTicks.For(Noon.AddDays(-120), Noon.AddDays(40), TimeZoneInfo.Utc, 6);
        Assert.Equal(["Oct", "Nov", "Dec", "2026", "Feb"], months.Select(t => t.Label));
    }

    [Theory]
    [InlineData(60, 4)]
    [InlineData(3600, 7)]
    [InlineData(86_400, 12)]
    [InlineData(30 * 86_400, 6)]
    [InlineData(400 * 86_400, 8)]
    public void Never_more_ticks_than_asked_and_all_inside_the_range(int seconds, int maxTicks)
    {
        var from = Noon.AddSeconds(-seconds);

        var ticks = TimeTicks.For(from, Noon, TimeZoneInfo.Utc, maxTicks);

        Assert.InRange(ticks.Count, 1, maxTicks + 1);
        Assert.All(ticks, t => Assert.InRange(t.At, from, Noon));
    }

    [Fact]
    public void An_empty_range_has_no_ticks()
    {
        Assert.Empty(TimeTicks.For(Noon, Noon, TimeZoneInfo.Utc, 5));
    }
}
