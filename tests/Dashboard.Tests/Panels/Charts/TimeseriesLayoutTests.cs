using Dashboard.Panels;
using Dashboard.Panels.Charts;
using Dashboard.Panels.Formatting;

namespace Dashboard.Tests.Panels.Charts;

/// <summary>Chart geometry over the edge data every chart must handle: empty, one point, missing values, negative,
/// huge and tiny values, many series, thresholds and a given time window.</summary>
public sealed class TimeseriesLayoutTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 11, 0, 0, TimeSpan.Zero);
    private static readonly FormatContext Context = FormatContext.Utc(Start.AddHours(1));
    private static readonly ChartSize Size = new(230, 7, 5);

    private static PanelOptions Panel(Action<PanelOptions>? change = null)
    {
        var panel = new PanelOptions { Id = "p", Title = "Latency", Source = "src", Type = PanelTypes.Timeseries, Unit = "ms" };
        change?.Invoke(panel);
        return panel;
    }

    private static ChartSeries Series(string name, params double?[] values) =>
        new(name, [.. values.Select((v, i) => new TimePoint(Start.AddMinutes(i), v))]);

    private static TimeseriesGeometry Layout(IReadOnlyList<ChartSeries> series, PanelOptions? panel = null, TimeDomain? window = null) =>
        TimeseriesLayout.Compute(series, window, panel ?? Panel(), Size, Context);

    private static int Moves(string path) => path.Count(c => c == 'M');

    [Fact]
    public void No_series_or_no_values_is_empty_and_says_so()
    {
        Assert.True(Layout([]).IsEmpty);
        Assert.Equal("No data.", Layout([]).Description);
        var nothing = Layout([Series("p95", null, double.NaN)]);
        Assert.True(nothing.IsEmpty);
        Assert.Equal("1 series, no values.", nothing.Description);
    }

    [Fact]
    public void One_point_is_a_dot_in_the_middle_of_a_short_span()
    {
        var g = Layout([Series("p95", 120)]);

        var shape = Assert.Single(g.Series);
        Assert.Equal("", shape.Line);
        Assert.StartsWith("M500 ", shape.Dots);
        Assert.Equal(TimeSpan.FromMinutes(10), g.To - g.From);
        Assert.Equal(120, shape.Stats!.Last);
    }

    [Fact]
    public void Missing_values_break_the_line_into_runs()
    {
        var g = Layout([Series("p95", 1, 2, 3, null, 5, 6, double.NaN, 8, 9, 10, 11, 12, 13, 14)]);

        Assert.Equal(3, Moves(g.Series[0].Line));
        var stats = g.Series[0].Stats!;
        Assert.Equal((14, 1, 14, 12), (stats.Last, stats.Min, stats.Max, stats.Count));
    }

    [Fact]
    public void Negative_values_get_an_axis_through_zero_and_a_zero_line()
    {
        var g = Layout([Series("delta", -40, -10, 25, 50)]);

        Assert.True(g.Y.Min <= -40 && g.Y.Max >= 50);
        Assert.NotNull(g.ZeroY);
        Assert.Contains(g.ValueTicks, t => t.Label == "0 ms");
        Assert.Contains(g.ValueTicks, t => t.Label.StartsWith('-'));
    }

    [Fact]
    public void Huge_and_tiny_values_get_short_readable_labels()
    {
        var huge = Layout([Series("bytes", 1e12, 1.2e12, 0.9e12)], Panel(p => p.Unit = null));
        Assert.All(huge.ValueTicks, t => Assert.True(t.Label.Length <= 5, t.Label));
        Assert.Contains(huge.ValueTicks, t => t.Label.EndsWith('T'));

        var tiny = Layout([Series("rate", 1e-6, 3e-6, 2e-6)], Panel(p => p.Unit = null));
        Assert.All(tiny.ValueTicks, t => Assert.True(t.Label.Length <= 6, t.Label));
        Assert.Equal(tiny.ValueTicks.Count, tiny.ValueTicks.Select(t => t.Label).Distinct().Count());
    }

    [Fact]
    public void Many_series_cycle_ten_colours_then_dashed_then_dotted()
    {
        var many = Enumerable.Range(0, 25).Select(i => Series($"s{i}", i, i + 1, i + 2)).ToList();

        var g = Layout(many);

        Assert.Equal("series-0", g.Series[0].CssClass);
        Assert.Equal("series-9", g.Series[9].CssClass);
        Assert.Equal("series-0 dashed", g.Series[10].CssClass);
        Assert.Equal("series-4 dotted", g.Series[24].CssClass);
        Assert.Equal(25, g.Series.Select(s => s.CssClass).Distinct().Count());
        Assert.Contains("25 series", g.Description);
        Assert.Contains("22 more series", g.Description);
    }

    [Fact]
    public void Thresholds_are_lines_at_their_values_coloured_by_level_and_the_axis_reaches_them()
    {
        var panel = Panel(p => p.Thresholds =
        [
            new ThresholdOptions { Value = 0, Level = "ok" },
            new ThresholdOptions { Value = 200, Level = "warn" },
            new ThresholdOptions { Value = 300, Level = "critical", Label = "SLO" },
        ]);

        var g = Layout([Series("p95", 90, 120, 110)], panel);

        Assert.True(g.Y.Max >= 300, "the axis reaches the highest threshold");
        var lines = g.Thresholds.Where(t => t.Line).ToList();
        Assert.Equal(["warn", "critical"], lines.Select(t => t.Level));
        double Y(double value) => Size.PlotHeight * (1 - g.Y.Fraction(value));
        Assert.Equal(Y(200), lines[0].Bottom, 6);
        Assert.Equal(Y(300), lines[1].Bottom, 6);
        Assert.Equal("SLO", lines[1].Label);
        // The base band (0–200) has no line of its own: 0 is the axis floor.
        Assert.False(g.Thresholds.Single(t => t.Level == "ok").Line);
    }

    [Fact]
    public void Thresholds_off_neither_draws_them_nor_stretches_the_axis()
    {
        var panel = Panel(p =>
        {
            p.ThresholdStyle = "off";
            p.Thresholds = [new ThresholdOptions { Value = 0, Level = "ok" }, new ThresholdOptions { Value = 1000, Level = "critical" }];
        });

        var g = Layout([Series("p95", 90, 120, 110)], panel);

        Assert.Empty(g.Thresholds);
        Assert.True(g.Y.Max < 1000);
    }

    [Fact]
    public void A_time_window_sets_the_x_axis_and_its_interval_the_gap_step()
    {
        var window = new TimeDomain(Start.AddMinutes(2), Start.AddMinutes(6), TimeSpan.FromMinutes(1));

        var g = Layout([Series("p95", 100, 1, 3, 4, 5, 6, 7, 500)], window: window);

        Assert.Equal((window.From, window.To), (g.From, g.To));
        // Stats over the points in the window only (minutes 2–6), but the line runs on to the neighbours outside.
        Assert.Equal((3, 7), (g.Series[0].Stats!.Min, g.Series[0].Stats!.Max));
        var line = PathPoints.Of(g.Series[0].Line);
        Assert.Equal(-250, line[0].X);
        Assert.Equal(1250, line[^1].X);
    }

    [Fact]
    public void Area_style_fills_down_to_zero()
    {
        var g = Layout([Series("rps", 40, 60, 50)], Panel(p => p.ChartStyle = "area"));

        Assert.Equal(0, g.Y.Min);
        Assert.EndsWith("Z", g.Series[0].Area);
        var area = PathPoints.Of(g.Series[0].Area!);
        Assert.Equal(Size.PlotHeight, area[0].Y); // down to the baseline at both ends
        Assert.Equal(Size.PlotHeight, area[^1].Y);
    }

    [Fact]
    public void Fixed_min_and_max_bound_the_axis()
    {
        var g = Layout([Series("cpu", 20, 30)], Panel(p => { p.Min = 0; p.Max = 100; p.Unit = "%"; }));

        Assert.Equal((0, 100), (g.Y.Min, g.Y.Max));
        Assert.Equal("100%", g.ValueTicks[^1].Label);
    }

    [Fact]
    public void The_description_names_the_span_and_each_series_range()
    {
        var g = Layout([Series("p95", 120, 480, 300), Series("p50", 80, 80, 80)]);

        Assert.Equal(
            "2 series over 2 min, Jan 1 11:00 to 11:02 UTC. p95: from 120 ms to 480 ms, last 300 ms. p50: 80 ms.",
            g.Description);
    }

    [Fact]
    public void Time_ticks_are_placed_as_fractions_of_the_width()
    {
        var g = Layout([Series("p95", Enumerable.Range(0, 61).Select(i => (double?)i).ToArray())]);

        Assert.Equal(0, g.TimeTicks[0].X);
        Assert.Equal(1, g.TimeTicks[^1].X);
        Assert.Equal("11:00", g.TimeTicks[0].Label);
        Assert.Equal("12:00", g.TimeTicks[^1].Label);
    }
}
