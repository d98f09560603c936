using Bunit;
using Dashboard.History;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.Storage;
using Dashboard.TimeRanges;
using Dashboard.Tests.Panels;

namespace Dashboard.Tests.History;

/// <summary>A timeseries panel on a source that yields one number, as rendered: its stored history over the window as an
/// average line in a minimum–maximum band, or, when the stored history could not be read, the recent values with why.</summary>
public sealed class HistoryPanelTests : PanelTestContext
{
    private static readonly PanelOptions Panel = new() { Id = "v", Title = "Visitors", Source = "src", Type = PanelTypes.Timeseries, Width = 2, Height = 2 };

    private TimeWindow Window => new(Now.AddMinutes(-10), Now, TimeSpan.FromMinutes(1), "now-10m..now");

    private HistoryBucket Bucket(int minutesAgo, double avg, double min, double max, long count) =>
        new(Now.AddMinutes(-minutesAgo), avg, min, max, count, Now.AddMinutes(-minutesAgo).AddSeconds(30));

    private IRenderedComponent<PanelHost> Render(Task<HistorySeries> history, IReadOnlyList<HistoryPoint>? recent = null) =>
        Render<PanelHost>(p => p
            .Add(x => x.Panel, Panel)
            .Add(x => x.Reading, Task.FromResult(FreshReading(SourceValue.OfNumber(7), TimeSpan.FromSeconds(2), recent)))
            .Add(x => x.Window, Window)
            .Add(x => x.History, history));

    [Fact]
    public void Stored_buckets_are_drawn_as_an_average_line_in_a_min_max_band_over_the_window()
    {
        var cut = Render(Task.FromResult(new HistorySeries([Bucket(9, 5, 1, 9, 12), Bucket(8, 6, 2, 10, 12), Bucket(7, 4, 3, 8, 12)], null)));

        Assert.Single(cut.FindAll("svg.plot path.line"));
        Assert.StartsWith("M", cut.Find("svg.plot path.minmax").GetAttribute("d"), StringComparison.Ordinal);
        Assert.Equal(Window.From.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("svg.chart-svg").GetAttribute("data-from"));
        Assert.Contains("average, min–max per 1 min", cut.Find(".chart-legend").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("p.note"));
    }

    [Fact]
    public void The_table_lists_each_buckets_minimum_and_maximum_beside_its_average_and_the_hover_data_is_the_average_only()
    {
        var cut = Render(Task.FromResult(new HistorySeries([Bucket(9, 5, 1, 9, 12), Bucket(8, 6, 2, 10, 12)], null)));

        var headers = cut.FindAll("details.chart-data thead th").Select(th => th.TextContent).ToList();
        Assert.Equal(["Min", "Max"], headers.Skip(2));
        Assert.Equal(2, cut.FindAll("details.chart-data thead th.bucket-range").Count);
        var first = cut.FindAll("details.chart-data tbody tr")[0].QuerySelectorAll("td").ToList();
        Assert.Equal(["5", "1", "9"], first.Select(td => td.TextContent));
        Assert.Equal("5", first[0].GetAttribute("data-v"));
        Assert.All(first.Skip(1), td => Assert.Null(td.GetAttribute("data-v")));
    }

    [Fact]
    public void On_the_grid_a_long_history_table_is_cut_to_evenly_spaced_rows_like_any_timeseries_and_links_to_all()
    {
        var window = new TimeWindow(Now.AddDays(-1), Now, TimeSpan.FromMinutes(1), "now-1d..now");
        var buckets = Enumerable.Range(0, 1440).Select(i => Bucket(i, i, i, i, 1)).Reverse().ToList();
        HistorySeries stored = new(buckets, null);

        IRenderedComponent<PanelHost> Host(bool expanded) => Render<PanelHost>(p => p
            .Add(x => x.Panel, Panel)
            .Add(x => x.Reading, Task.FromResult(FreshReading(SourceValue.OfNumber(7), TimeSpan.FromSeconds(2))))
            .Add(x => x.Window, window)
            .Add(x => x.History, Task.FromResult(stored))
            .Add(x => x.DashboardSlug, "main")
            .Add(x => x.Expanded, expanded));

        var grid = Host(expanded: false);
        Assert.Equal(Dashboard.Panels.Charts.ChartTable.GridRows, grid.FindAll("details.chart-data tbody tr").Count);
        Assert.Equal("/d/main/panels/v", grid.Find("details.chart-data p.note a").GetAttribute("href"));
        Assert.True(Host(expanded: true).FindAll("details.chart-data tbody tr").Count >= 1440);
    }

    [Fact]
    public void A_history_that_could_not_be_read_says_why_and_the_recent_values_are_still_drawn_without_a_band()
    {
        var cut = Render(Task.FromResult(HistorySeries.Unavailable("history not read in time")), History(3, 4, 5));

        Assert.Contains("Stored history: history not read in time", cut.Find("p.note").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("svg.plot path.line"));
        Assert.Empty(cut.FindAll("svg.plot path.minmax"));
    }
}
