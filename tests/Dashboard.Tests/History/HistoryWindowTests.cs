using Dashboard.History;
using Dashboard.TimeRanges;

namespace Dashboard.Tests.History;

/// <summary>A history chart's buckets hold at least two of its source's points: the window's bucket width, or a whole
/// number of it at least twice MaxAge, still counted from the window's start.</summary>
public sealed class HistoryWindowTests
{
    private static readonly DateTimeOffset From = new(2026, 12, 5, 13, 0, 0, TimeSpan.Zero);

    private static TimeWindow Window(int intervalSeconds) => new(From, From.AddHours(1), TimeSpan.FromSeconds(intervalSeconds), "now-1h..now");

    [Theory]
    [InlineData(12, 5, 12)]     // 1 h of a 5 s source: the window's buckets already hold two points.
    [InlineData(12, 6, 12)]
    [InlineData(12, 7, 24)]     // twice 7 s is 14 s: two of the window's buckets.
    [InlineData(3, 5, 12)]      // 15 min of a 5 s source: four 3 s buckets.
    [InlineData(12, 30, 60)]    // the default MaxAge.
    [InlineData(120, 0, 120)]   // MaxAge 0 (fetched for every view): the window's.
    public void Buckets_are_widened_to_a_whole_number_of_the_windows_holding_two_points(int intervalSeconds, int maxAgeSeconds, int expectedSeconds)
    {
        var widened = HistoryWindow.For(Window(intervalSeconds), TimeSpan.FromSeconds(maxAgeSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), widened.Interval);
        Assert.Equal((From, From.AddHours(1), "now-1h..now"), (widened.From, widened.To, widened.Key));
    }
}
