using Dashboard.Panels;
using Dashboard.Panels.Charts;
using Dashboard.Panels.Formatting;

namespace Dashboard.Tests.Panels.Charts;

public sealed class GaugeLayoutTests
{
    private static readonly FormatContext Context = FormatContext.Utc(DateTimeOffset.UnixEpoch);

    private static PanelOptions Panel(Action<PanelOptions>? change = null)
    {
        var panel = new PanelOptions
        {
            Id = "g", Title = "Payments", Source = "src", Type = PanelTypes.Gauge, Unit = "%",
            Thresholds =
            [
                new ThresholdOptions { Value = 0, Level = "critical" },
                new ThresholdOptions { Value = 96, Level = "warn", Label = "Degraded" },
                new ThresholdOptions { Value = 98, Level = "ok" },
            ],
        };
        change?.Invoke(panel);
        return panel;
    }

    [Fact]
    public void The_default_range_runs_from_zero_to_a_round_number_above_value_and_thresholds()
    {
        var g = GaugeLayout.Compute(97.2, null, Panel(), Context);

        Assert.Equal((0, 100), (g.Min, g.Max));
        Assert.Equal("warn", g.Level);
        Assert.Equal("Degraded", g.LevelText);
        Assert.Equal("97.2% on a scale from 0% to 100%, Degraded.", g.Description);
    }

    [Fact]
    public void Threshold_bands_cover_the_range_in_their_levels()
    {
        var g = GaugeLayout.Compute(97.2, null, Panel(p => { p.Min = 90; p.Max = 100; }), Context);

        Assert.Equal(["critical", "warn", "ok"], g.Bands.Select(b => b.Level));
        Assert.All(g.Bands, b => Assert.StartsWith("M", b.Path));
        Assert.NotNull(g.ValueArc);
    }

    [Fact]
    public void The_value_arc_grows_with_the_value_and_stops_at_the_ends_when_out_of_range()
    {
        var panel = Panel(p => { p.Min = 90; p.Max = 100; });

        var below = GaugeLayout.Compute(50, null, panel, Context);
        var above = GaugeLayout.Compute(120, null, panel, Context);
        var full = GaugeLayout.Compute(100, null, panel, Context);

        Assert.Equal("below", below.OutOfRange);
        Assert.Null(below.ValueArc);
        Assert.Equal("above", above.OutOfRange);
        Assert.Equal(full.ValueArc, above.ValueArc);
        Assert.Null(full.OutOfRange);
    }

    [Fact]
    public void Arcs_start_bottom_left_and_end_bottom_right_through_the_top()
    {
        var (startX, startY) = GaugeLayout.Point(0, 72);
        var (topX, topY) = GaugeLayout.Point(0.5, 72);
        var (endX, endY) = GaugeLayout.Point(1, 72);

        Assert.True(startX < topX && topX < endX);
        Assert.Equal(startY, endY, 6);
        Assert.True(topY < startY);
        Assert.Equal("", GaugeLayout.Arc(0.3, 0.3, 72));
        Assert.Contains(" 0 1 1 ", GaugeLayout.Arc(0, 1, 72));
        Assert.Contains(" 0 0 1 ", GaugeLayout.Arc(0, 0.5, 72));
    }

    [Fact]
    public void A_text_or_missing_value_is_shown_as_text_without_an_arc()
    {
        var g = GaugeLayout.Compute(null, "degraded", Panel(), Context);

        Assert.Equal("degraded", g.ValueText);
        Assert.Null(g.ValueArc);
        Assert.Null(g.Level);
        Assert.Equal("No number: degraded.", g.Description);
        Assert.Equal("–", GaugeLayout.Compute(double.NaN, null, Panel(), Context).ValueText);
    }

    [Fact]
    public void Negative_values_extend_the_default_range_below_zero()
    {
        var g = GaugeLayout.Compute(-30, null, Panel(p => p.Thresholds = []), Context);

        Assert.Equal(-30, g.Min);
        Assert.True(g.Max > g.Min);
    }
}
