using Bunit;
using Dashboard.Panels;
using Dashboard.Panels.Charts;
using Dashboard.Sources;
using Dashboard.TimeRanges;

namespace Dashboard.Tests.Panels.Charts;

/// <summary>The chart components as rendered markup: accessible SVG, CSP-safe (no style attributes, no scripts), hostile
/// names encoded, and the data the hover script reads.</summary>
public sealed class ChartComponentTests : PanelTestContext
{
    private const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&";

    private static PanelOptions Chart(string type = PanelTypes.Timeseries, string title = "Latency") =>
        new() { Id = "lat", Title = title, Source = "src", Type = type, Unit = "ms", Width = 2, Height = 2 };

    private SourceValue Latency(params (string Name, double?[] Values)[] series)
    {
        var columns = new List<string> { "time" };
        columns.AddRange(series.Select(s => s.Name));
        var rows = Enumerable.Range(0, series.Max(s => s.Values.Length)).Select(i => (IReadOnlyList<string?>)
            [Now.AddMinutes(i - 10).ToString("O"), .. series.Select(s => i < s.Values.Length && s.Values[i] is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)]).ToList();
        return SourceValue.OfTable(new TableData(columns, rows, false));
    }

    private IRenderedComponent<TimeseriesPanel> RenderTimeseries(PanelOptions panel, SourceValue value, TimeDomain? domain = null) =>
        Render<TimeseriesPanel>(p => p.Add(x => x.Panel, panel).Add(x => x.Value, value).Add(x => x.Domain, domain));

    /// <summary>Nothing the Content-Security-Policy would block: no style attribute or element, no script, no handler.</summary>
    private static void AssertCspSafe(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> cut)
    {
        var elements = cut.FindAll("*");
        Assert.NotEmpty(elements);
        Assert.All(elements, e =>
        {
            Assert.DoesNotContain(e.TagName.ToLowerInvariant(), new[] { "script", "style" });
            Assert.DoesNotContain(e.Attributes, a => a.Name == "style" || a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        });
    }

    [Fact]
    public void A_timeseries_is_an_svg_image_labelled_by_its_title_and_a_summary_of_the_data()
    {
        var cut = RenderTimeseries(Chart(), Latency(("p95", [120, 300, 480])));

        var svg = cut.Find("figure.chart.timeseries > svg.chart-svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        var ids = svg.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal("Latency", cut.Find($"[id='{ids[0]}']").TextContent);
        Assert.Equal("title", cut.Find($"[id='{ids[0]}']").TagName, ignoreCase: true);
        Assert.StartsWith("1 series over 2 min", cut.Find($"[id='{ids[1]}']").TextContent);
        Assert.Contains("p95: from 120 ms to 480 ms, last 480 ms.", cut.Find("desc").TextContent);
        AssertCspSafe(cut);
    }

    [Fact]
    public void The_chart_carries_its_ranges_and_a_data_table_for_the_hover_script_and_readers_without_it()
    {
        var cut = RenderTimeseries(Chart(), Latency(("p50", [1, 2, null]), ("p95", [4, 5, 6])));

        var svg = cut.Find("svg.chart-svg");
        Assert.Equal(Now.AddMinutes(-10).ToUnixTimeMilliseconds().ToString(), svg.GetAttribute("data-from"));
        Assert.NotNull(svg.GetAttribute("data-y-min"));
        Assert.NotNull(svg.GetAttribute("data-plot-height"));
        var table = cut.Find("details.chart-data table");
        Assert.Equal("Show as table", cut.Find("details.chart-data summary").TextContent);
        Assert.Equal(["Time (UTC)", "p50", "p95"], table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        var rows = table.QuerySelectorAll("tbody tr");
        Assert.Equal(3, rows.Length);
        Assert.Equal("2026-01-01T11:52:00Z", rows[2].QuerySelector("th > time")!.GetAttribute("datetime"));
        Assert.Null(rows[2].GetAttribute("data-t")); // the time is written once per row
        Assert.Equal("2026-01-01 11:52", rows[2].QuerySelector("th")!.TextContent);
        var cells = rows[2].QuerySelectorAll("td");
        Assert.Null(cells[0].GetAttribute("data-v"));
        Assert.Equal("", cells[0].TextContent);
        Assert.Equal("6", cells[1].GetAttribute("data-v"));
        Assert.Equal("6 ms", cells[1].TextContent);
    }

    [Fact]
    public void The_legend_gives_last_min_and_max_per_series_with_a_swatch_of_its_line()
    {
        var cut = RenderTimeseries(Chart(), Latency(("p50", [10, 30, 20]), ("p95", [40, 90, 60])));

        var rows = cut.FindAll("table.chart-legend tbody tr");
        Assert.Equal(["p50", "p95"], rows.Select(r => r.QuerySelector("th")!.TextContent));
        Assert.Equal(["20 ms", "10 ms", "30 ms"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("line series-1", rows[1].QuerySelector("svg.swatch line")!.GetAttribute("class"));
        Assert.Equal("true", rows[1].QuerySelector("svg.swatch")!.GetAttribute("aria-hidden"));
    }

    [Fact]
    public void Hostile_series_names_and_titles_are_text_never_markup()
    {
        var cut = RenderTimeseries(Chart(title: Hostile), Latency((Hostile, [1, 2, 3])));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Equal(Hostile, cut.Find("svg.chart-svg title").TextContent);
        Assert.Equal(Hostile, cut.Find("table.chart-legend tbody th").TextContent);
        Assert.Equal(Hostile, cut.FindAll("details.chart-data thead th")[1].TextContent);
        Assert.Contains(Hostile, cut.Find("desc").TextContent);
        Assert.Contains("&lt;script&gt;", cut.Markup);
        AssertCspSafe(cut);
    }

    [Fact]
    public void Missing_values_break_the_drawn_line()
    {
        var cut = RenderTimeseries(Chart(), Latency(("p95", [1, 2, 3, null, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])));

        var line = cut.Find("svg.plot path.line").GetAttribute("d")!;
        Assert.Equal(2, line.Count(c => c == 'M'));
    }

    [Fact]
    public void Thresholds_are_drawn_as_lines_coloured_by_level_with_their_meaning_as_text()
    {
        var panel = Chart();
        panel.Thresholds = [new ThresholdOptions { Value = 0, Level = "ok" }, new ThresholdOptions { Value = 200, Level = "warn", Label = "Slow" }];

        var cut = RenderTimeseries(panel, Latency(("p95", [120, 150, 180])));

        var line = cut.Find("line.threshold");
        Assert.Equal("threshold level-warn", line.GetAttribute("class"));
        Assert.Equal("Slow from 200 ms", line.QuerySelector("title")!.TextContent);
        Assert.Empty(cut.FindAll("rect.band"));

        panel.ThresholdStyle = "lines+bands";
        var banded = RenderTimeseries(panel, Latency(("p95", [120, 150, 180])));
        Assert.Equal(["band level-ok", "band level-warn"], banded.FindAll("rect.band").Select(r => r.GetAttribute("class")));
    }

    [Fact]
    public void Empty_data_and_unreadable_times_are_said_not_drawn()
    {
        var empty = RenderTimeseries(Chart(), SourceValue.OfSeries([]));
        Assert.Empty(empty.FindAll("svg"));
        Assert.Equal("No data points to draw.", empty.Find("p.note").TextContent);

        var labels = RenderTimeseries(Chart(), SourceValue.OfSeries([new SeriesPoint("mon", 1), new SeriesPoint("tue", 2)]));
        Assert.Equal("No data points to draw (2 had no readable time).", labels.Find("p.note").TextContent);
    }

    [Fact]
    public void Time_labels_are_major_or_minor_and_the_figure_says_how_many_for_the_stylesheet()
    {
        var cut = RenderTimeseries(Chart(), Latency(("p95", [.. Enumerable.Range(0, 11).Select(i => (double?)i)])));

        var labels = cut.FindAll("text.time-label");
        Assert.Contains("xt-" + labels.Count, cut.Find("figure").ClassList);
        Assert.Contains(labels, l => l.ClassList.Contains("minor"));
        Assert.Contains(labels, l => !l.ClassList.Contains("minor"));
    }

    [Fact]
    public void A_window_given_to_the_panel_host_sets_the_x_axis()
    {
        var window = new TimeWindow(Now.AddHours(-1), Now, TimeSpan.FromMinutes(1), "now-1h..now");
        var reading = Task.FromResult(FreshReading(Latency(("p95", [1, 2, 3])), TimeSpan.Zero));

        var cut = Render<PanelHost>(p => p.Add(x => x.Panel, Chart()).Add(x => x.Reading, reading).Add(x => x.Window, window));

        Assert.Equal(window.From.ToUnixTimeMilliseconds().ToString(), cut.Find("svg.chart-svg").GetAttribute("data-from"));
        Assert.Equal(window.To.ToUnixTimeMilliseconds().ToString(), cut.Find("svg.chart-svg").GetAttribute("data-to"));
    }

    [Fact]
    public void Chart_work_is_kept_for_the_same_data_and_done_again_for_new_data()
    {
        var panel = Chart();
        var first = Latency(("p95", [1, 2, 3]));

        var a = RenderTimeseries(panel, first).Markup;
        var again = RenderTimeseries(panel, first).Markup;
        var next = RenderTimeseries(panel, Latency(("p95", [7, 8, 9]))).Markup;

        Assert.Equal(a, again);
        Assert.NotEqual(a, next);
        Assert.Contains(">9 ms<", next, StringComparison.Ordinal);
        var key = new object();
        Assert.Same(ChartCache.Get(first, key, () => new object()), ChartCache.Get(first, key, () => new object()));
        Assert.NotSame(ChartCache.Get(first, key, () => new object()), ChartCache.Get(first with { }, key, () => new object()));
    }

    [Fact]
    public void A_bar_chart_is_an_svg_image_with_a_tooltip_per_bar_and_every_category_in_its_table()
    {
        var panel = Chart(PanelTypes.Bar, "Revenue by kind");
        panel.Format = "currency:EUR";
        panel.Unit = null;
        panel.TopN = 2;
        var value = SourceValue.OfSeries([new SeriesPoint("order", 1000), new SeriesPoint("refund", -80), new SeriesPoint(Hostile, 5)]);

        var cut = Render<BarPanel>(p => p.Add(x => x.Panel, panel).Add(x => x.Value, value));

        Assert.Equal("img", cut.Find("svg.chart-svg").GetAttribute("role"));
        var bars = cut.FindAll("g.bar-row");
        Assert.Equal(["order: €1,000.00", $"{Hostile}: €5.00", "Other (1): -€80.00"], bars.Select(b => b.QuerySelector("title")!.TextContent));
        Assert.Equal(3, cut.FindAll("details.chart-data tbody tr").Count);
        Assert.Empty(cut.FindAll("script"));
        AssertCspSafe(cut);
    }

    [Fact]
    public void A_time_label_near_an_end_of_the_axis_is_written_inwards_so_it_stays_inside_the_chart()
    {
        // 10-minute ticks over 12:58–13:58: 13:00 is 3 % from the left end, 13:50 well inside.
        var from = new DateTimeOffset(2026, 1, 1, 12, 58, 0, TimeSpan.Zero);
        var value = SourceValue.OfTable(new TableData(["time", "v"], [.. Enumerable.Range(0, 61).Select(i => (IReadOnlyList<string?>)[from.AddMinutes(i).ToString("O"), "1"])], false));

        var cut = RenderTimeseries(Chart(), value, new TimeDomain(from, from.AddHours(1), TimeSpan.FromMinutes(1)));

        var labels = cut.FindAll("text.time-label").ToDictionary(t => t.TextContent, t => t.ClassList);
        Assert.Contains("first", labels["13:00"]);
        Assert.DoesNotContain("first", labels["13:50"]);
        Assert.DoesNotContain("last", labels["13:50"]);
    }

    [Fact]
    public void Horizontal_bars_have_zero_and_threshold_marks_across_each_bar_and_never_through_a_label_line()
    {
        var panel = Chart(PanelTypes.Bar, "Revenue by kind");
        panel.Thresholds = [new ThresholdOptions { Value = 0, Level = "ok" }, new ThresholdOptions { Value = 500, Level = "warn", Label = "High" }];
        var value = SourceValue.OfSeries([new SeriesPoint("subscription renewal (annual plan)", 1000), new SeriesPoint("refund", -80), new SeriesPoint("support", 300)]);

        var cut = Render<BarPanel>(p => p.Add(x => x.Panel, panel).Add(x => x.Value, value));

        var labels = cut.FindAll("text.bar-label").Select(t => double.Parse(t.GetAttribute("y")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var bars = cut.FindAll("rect.bar-track").Select(r => double.Parse(r.GetAttribute("y")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, labels.Count);
        foreach (var marks in new[] { "g.zero-line line", "g.threshold.level-warn line" })
        {
            var lines = cut.FindAll(marks);
            Assert.Equal(3, lines.Count);
            for (var i = 0; i < lines.Count; i++)
            {
                var (top, bottom) = (Y(lines[i], "y1"), Y(lines[i], "y2"));
                Assert.True(top > labels[i] && top <= bars[i] && bottom >= bars[i] + BarGeometry.BarThickness, $"{marks} {i}: {top}..{bottom}, label at {labels[i]}, bar at {bars[i]}");
            }
        }

        Assert.Equal("High from 500 ms", cut.Find("g.threshold.level-warn > title").TextContent);

        static double Y(AngleSharp.Dom.IElement e, string name) => double.Parse(e.GetAttribute(name)!, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void A_vertical_bar_chart_labels_each_bar_under_it()
    {
        var panel = Chart(PanelTypes.Bar, "Events");
        panel.Orientation = "vertical";

        var cut = Render<BarPanel>(p => p.Add(x => x.Panel, panel).Add(x => x.Value, SourceValue.OfSeries([new SeriesPoint("order", 5), new SeriesPoint("signup", 3)])));

        Assert.Contains("vertical", cut.Find("figure").ClassList);
        Assert.Equal(["order", "signup"], cut.FindAll("g.bar-column text").Select(t => t.TextContent));
        Assert.Equal(2, cut.FindAll("g.bar-column rect").Count);
    }

    [Fact]
    public void A_gauge_shows_the_value_its_level_in_words_and_its_range()
    {
        var panel = Chart(PanelTypes.Gauge, "Payments");
        panel.Unit = "%";
        panel.Min = 90;
        panel.Max = 100;
        panel.Thresholds = [new ThresholdOptions { Value = 0, Level = "critical" }, new ThresholdOptions { Value = 96, Level = "warn", Label = "Degraded" }];

        var cut = Render<GaugePanel>(p => p.Add(x => x.Panel, panel).Add(x => x.Value, SourceValue.OfNumber(97.25)));

        Assert.Contains("level-warn", cut.Find("figure.gauge").ClassList);
        Assert.Equal("97.25%", cut.Find("text.gauge-value").TextContent);
        Assert.Equal("Degraded", cut.Find("text.gauge-level").TextContent);
        Assert.Equal(["90%", "100%"], cut.FindAll("text.gauge-bound").Select(t => t.TextContent));
        Assert.Equal("img", cut.Find("svg").GetAttribute("role"));
        Assert.Equal("97.25% on a scale from 90% to 100%, Degraded.", cut.Find("desc").TextContent);
        Assert.Equal(2, cut.FindAll("path.gauge-band").Count);
        AssertCspSafe(cut);
    }

    /// <summary>A day at one point a minute: 1,441 rows.</summary>
    private SourceValue OneDayByMinute(out TimeDomain domain)
    {
        var from = Now.AddDays(-1);
        domain = new TimeDomain(from, Now, TimeSpan.FromMinutes(1));
        return SourceValue.OfTable(new TableData(["time", "v"], [.. Enumerable.Range(0, 1441).Select(i => (IReadOnlyList<string?>)[from.AddMinutes(i).ToString("O"), (i % 500).ToString(System.Globalization.CultureInfo.InvariantCulture)])], false));
    }

    [Fact]
    public void On_the_grid_a_long_data_table_keeps_evenly_spaced_real_rows_says_so_and_links_to_every_row()
    {
        var value = OneDayByMinute(out var domain);

        var cut = Render<TimeseriesPanel>(p => p.Add(x => x.Panel, Chart()).Add(x => x.Value, value).Add(x => x.Domain, domain)
            .Add(x => x.FullWidthHref, "/d/main/panels/lat?from=now-1d&to=now"));

        var rows = cut.FindAll("details.chart-data tbody tr");
        Assert.Equal(ChartTable.GridRows, rows.Count);
        var times = rows.Select(r => DateTimeOffset.Parse(r.QuerySelector("time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(domain.From, times[0]);
        Assert.Equal(Now, times[^1]);
        Assert.Equal(times.Distinct().Order(), times);
        Assert.All(rows, r => Assert.NotNull(r.QuerySelector("td")!.GetAttribute("data-v")));
        var note = cut.Find("details.chart-data p.note");
        Assert.Equal("120 of 1441 rows, evenly spaced. All rows: Open full width", note.TextContent);
        Assert.Equal("/d/main/panels/lat?from=now-1d&to=now", note.QuerySelector("a")!.GetAttribute("href"));
        // The summary is over every point, not the sample: 499 is the top of the data, at rows the sample skips.
        Assert.Contains("v: from 0 ms to 499 ms, last 440 ms.", cut.Find("desc").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_full_width_view_and_a_preview_without_it_keep_every_row_and_a_short_table_has_no_note()
    {
        var value = OneDayByMinute(out var domain);

        var expanded = Render<TimeseriesPanel>(p => p.Add(x => x.Panel, Chart()).Add(x => x.Value, value).Add(x => x.Domain, domain).Add(x => x.Expanded, true));
        var preview = Render<TimeseriesPanel>(p => p.Add(x => x.Panel, Chart()).Add(x => x.Value, value).Add(x => x.Domain, domain));
        var small = Render<TimeseriesPanel>(p => p.Add(x => x.Panel, Chart()).Add(x => x.Value, Latency(("p95", [1, 2, 3]))).Add(x => x.FullWidthHref, "/d/main/panels/lat"));

        Assert.Equal(1441, expanded.FindAll("details.chart-data tbody tr").Count);
        Assert.Empty(expanded.FindAll("details.chart-data p.note"));
        Assert.Equal(1441, preview.FindAll("details.chart-data tbody tr").Count);
        Assert.Equal(3, small.FindAll("details.chart-data tbody tr").Count);
        Assert.Empty(small.FindAll("details.chart-data p.note"));
    }

    [Fact]
    public void The_panel_host_on_the_grid_gives_the_chart_its_full_width_link_with_the_range()
    {
        var value = OneDayByMinute(out _);
        var window = new TimeWindow(Now.AddDays(-1), Now, TimeSpan.FromMinutes(1), "now-1d..now");
        var reading = Task.FromResult(FreshReading(value, TimeSpan.Zero));

        var cut = Render<PanelHost>(p => p.Add(x => x.Panel, Chart()).Add(x => x.Reading, reading).Add(x => x.Window, window)
            .Add(x => x.DashboardSlug, "main").Add(x => x.RangeQuery, "from=now-1d&to=now"));

        Assert.Equal(ChartTable.GridRows, cut.FindAll("details.chart-data tbody tr").Count);
        Assert.Equal("/d/main/panels/lat?from=now-1d&to=now", cut.Find("details.chart-data p.note a").GetAttribute("href"));
        Assert.Equal(cut.Find("header a.panel-open").GetAttribute("href"), cut.Find("details.chart-data p.note a").GetAttribute("href"));
    }

    [Fact]
    public void The_panel_header_links_to_the_full_width_view_except_in_it()
    {
        var reading = Task.FromResult(FreshReading(SourceValue.OfNumber(1), TimeSpan.Zero));
        var panel = Stat("orders", "Orders");

        var inGrid = Render<PanelHost>(p => p.Add(x => x.Panel, panel).Add(x => x.Reading, reading).Add(x => x.DashboardSlug, "main"));
        var alone = Render<PanelHost>(p => p.Add(x => x.Panel, panel).Add(x => x.Reading, reading).Add(x => x.DashboardSlug, "main").Add(x => x.Expanded, true));
        var noSlug = Render<PanelHost>(p => p.Add(x => x.Panel, panel).Add(x => x.Reading, reading));

        var link = inGrid.Find("header a.panel-open");
        Assert.Equal("/d/main/panels/orders", link.GetAttribute("href"));
        Assert.Equal("Open Orders full width", link.GetAttribute("aria-label"));
        Assert.Empty(link.Children); // the icon is the stylesheet's (::before), not markup in every panel
        Assert.Empty(alone.FindAll("a.panel-open"));
        Assert.Contains("expanded", alone.Find("section.panel").ClassList);
        Assert.Empty(noSlug.FindAll("a.panel-open"));
    }
}
