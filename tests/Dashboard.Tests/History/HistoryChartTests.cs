using Dashboard.History;
using Dashboard.Panels;
using Dashboard.Panels.Charts;
using Dashboard.Panels.Formatting;
using Dashboard.Storage;
using Dashboard.TimeRanges;

namespace Dashboard.Tests.History;

/// <summary>A history as a chart: the average per bucket as the line, the minimum–maximum band around it (which the value
/// axis makes room for, broken at gaps like the line), and the recent points folded in.</summary>
public sealed class HistoryChartTests
{
    private static readonly DateTimeOffset From = new(2026, 12, 5, 13, 0, 0, TimeSpan.Zero);
    private static readonly TimeWindow Window = new(From, From.AddMinutes(10), TimeSpan.FromMinutes(1), "w");
    private static readonly PanelOptions Panel = new() { Id = "h", Title = "H", Source = "s", Type = PanelTypes.Timeseries };

    private static HistoryBucket Bucket(int minute, double avg, double min, double max, int count = 2) =>
        new(From.AddMinutes(minute), avg, min, max, count, From.AddMinutes(minute).AddSeconds(30));

    [Fact]
    public void Buckets_become_an_average_line_in_a_min_max_band_with_recent_points_folded_in()
    {
        var series = HistoryChartSeries.For("s", new HistorySeries([Bucket(0, 5, 1, 9), Bucket(1, 6, 2, 10)], null), [new HistoryPoint("s", From.AddMinutes(2.5), 4)], Window);

        Assert.Equal([5.0, 6.0, 4.0], series.Points.Select(p => p.Value!.Value));
        Assert.Equal([new BandPoint(From, 1, 9), new BandPoint(From.AddMinutes(1), 2, 10), new BandPoint(From.AddMinutes(2), 4, 4)], series.Band);
    }

    [Fact]
    public void Single_point_buckets_draw_no_band_and_without_a_window_the_recent_points_are_drawn_as_they_are()
    {
        Assert.Null(HistoryChartSeries.For("s", new HistorySeries([Bucket(0, 5, 5, 5, count: 1)], null), [], Window).Band);
        Assert.Equal(2, HistoryChartSeries.For("s", null, [new HistoryPoint("s", From, 1), new HistoryPoint("s", From.AddSeconds(5), 2)], null).Points.Count);
    }

    [Fact]
    public void The_value_axis_makes_room_for_the_band_and_the_band_breaks_where_buckets_are_missing()
    {
        var series = HistoryChartSeries.For("s", new HistorySeries([Bucket(0, 50, 10, 90), Bucket(1, 50, 20, 80), Bucket(5, 50, 0, 120), Bucket(6, 50, 40, 60)], null), [], Window);

        var geometry = TimeseriesLayout.Compute([series], TimeDomain.Of(Window), Panel, ChartSize.For(Panel, expanded: false), FormatContext.Utc(From));

        Assert.True(geometry.Y.Min <= 0 && geometry.Y.Max >= 120, $"axis {geometry.Y.Min}..{geometry.Y.Max}");
        var band = Assert.Single(geometry.Series).Band!;
        Assert.Equal(2, band.Count(c => c == 'Z'));
        Assert.Equal(2, band.Count(c => c == 'M'));
    }
}
