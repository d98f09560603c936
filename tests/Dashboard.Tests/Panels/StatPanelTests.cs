using Bunit;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.Storage;

namespace Dashboard.Tests.Panels;

public sealed class StatPanelTests : PanelTestContext
{
    private IRenderedComponent<StatPanel> RenderStat(PanelOptions panel, SourceValue value, IReadOnlyList<HistoryPoint>? history = null) =>
        Render<StatPanel>(p => p.Add(x => x.Panel, panel).Add(x => x.Value, value).Add(x => x.History, history ?? []));

    [Theory]
    [InlineData(null, 1234567.891, "1,234,567.89")]
    [InlineData("N0", 1234567.891, "1,234,568")]
    [InlineData("0.0", 3.14159, "3.1")]
    [InlineData("P1", 0.1234, "12.3 %")]
    [InlineData("0.#%", 0.1234, "12.3%")]
    public void Value_is_formatted_with_the_panel_format_in_invariant_culture(string? format, double value, string expected)
    {
        var panel = Stat();
        panel.Format = format;

        var cut = RenderStat(panel, SourceValue.OfNumber(value));

        Assert.Equal(expected, cut.Find(".stat-value .number").TextContent);
    }

    [Fact]
    public void Unit_follows_the_value_and_is_absent_when_not_configured()
    {
        var panel = Stat();
        panel.Unit = "ms";
        var cut = RenderStat(panel, SourceValue.OfNumber(250));
        Assert.Equal("ms", cut.Find(".stat-value .unit").TextContent);

        var plain = RenderStat(Stat(), SourceValue.OfNumber(250));
        Assert.Empty(plain.FindAll(".unit"));
    }

    [Fact]
    public void Text_value_is_shown_as_is_without_level_or_delta()
    {
        var panel = WithThresholds(Stat());

        var cut = RenderStat(panel, SourceValue.OfText("degraded"), History(1, 2, 3));

        Assert.Equal("degraded", cut.Find(".number").TextContent);
        Assert.Contains("level-none", cut.Find("div.stat").ClassList);
        Assert.Empty(cut.FindAll(".stat-level"));
        Assert.Empty(cut.FindAll(".stat-delta"));
    }

    [Theory]
    [InlineData(95, "critical", "Critical")]
    [InlineData(90, "critical", "Critical")]
    [InlineData(60, "warn", "Busy")]
    [InlineData(0, "ok", "OK")]
    public void Highest_threshold_at_or_below_the_value_sets_the_level_class_and_a_text_label(double value, string level, string label)
    {
        var cut = RenderStat(WithThresholds(Stat()), SourceValue.OfNumber(value));

        var stat = cut.Find("div.stat");
        Assert.Contains($"level-{level}", stat.ClassList);
        Assert.Single(stat.ClassList, c => c.StartsWith("level-", StringComparison.Ordinal));
        // The level is also said in words, never by colour alone.
        Assert.Equal(label, cut.Find(".stat-level").TextContent);
        Assert.Equal("true", cut.Find(".stat-level .level-dot").GetAttribute("aria-hidden"));
    }

    [Fact]
    public void Value_below_every_threshold_has_no_level()
    {
        var cut = RenderStat(WithThresholds(Stat()), SourceValue.OfNumber(-5));

        Assert.Contains("level-none", cut.Find("div.stat").ClassList);
        Assert.Empty(cut.FindAll(".stat-level"));
    }

    [Fact]
    public void Delta_up_against_the_previous_history_point()
    {
        // The newest history point is the current value itself: compare with the one before it.
        var cut = RenderStat(Stat(), SourceValue.OfNumber(12), History(7, 10, 12));

        var delta = cut.Find("p.stat-delta");
        Assert.Contains("up", delta.ClassList);
        Assert.Contains("+2 (+20%)", delta.TextContent);
        Assert.Equal("▲", delta.QuerySelector("[aria-hidden=true]")!.TextContent);
        Assert.Equal("up", delta.QuerySelector(".visually-hidden")!.TextContent);
        Assert.EndsWith("vs previous", PanelHostTests.Normalize(delta.TextContent));
    }

    [Fact]
    public void Delta_down_uses_the_panel_format()
    {
        var panel = Stat();
        panel.Format = "0.0";

        var cut = RenderStat(panel, SourceValue.OfNumber(8), History(10, 8));

        var delta = cut.Find("p.stat-delta");
        Assert.Contains("down", delta.ClassList);
        Assert.Contains("-2.0 (-20%)", delta.TextContent);
        Assert.Equal("▼", delta.QuerySelector("[aria-hidden=true]")!.TextContent);
        Assert.Equal("down", delta.QuerySelector(".visually-hidden")!.TextContent);
    }

    [Fact]
    public void Delta_unchanged()
    {
        var cut = RenderStat(Stat(), SourceValue.OfNumber(5), History(5, 5));

        var delta = cut.Find("p.stat-delta");
        Assert.Contains("unchanged", delta.ClassList);
        Assert.Contains("0 (0%)", delta.TextContent);
        Assert.Equal("unchanged", delta.QuerySelector(".visually-hidden")!.TextContent);
    }

    [Fact]
    public void Delta_compares_with_the_newest_point_when_the_current_value_is_not_in_history_yet()
    {
        var cut = RenderStat(Stat(), SourceValue.OfNumber(25), History(10, 20));

        Assert.Contains("+5 (+25%)", cut.Find("p.stat-delta").TextContent);
    }

    [Fact]
    public void No_delta_and_no_sparkline_with_fewer_than_two_history_points()
    {
        var cut = RenderStat(Stat(), SourceValue.OfNumber(5), History(5));

        Assert.Empty(cut.FindAll(".stat-delta"));
        Assert.Empty(cut.FindAll("svg"));
    }

    [Fact]
    public void Sparkline_is_server_rendered_svg_with_a_text_summary()
    {
        var cut = RenderStat(Stat(title: "Orders"), SourceValue.OfNumber(30), History(10, 20, 30));

        var svg = cut.Find("div.stat svg.sparkline");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("Trend of Orders: 3 values from 10 to 30, latest 30", svg.GetAttribute("aria-label"));
        Assert.Equal("0 0 100 24", svg.GetAttribute("viewBox"));
        // Oldest on the left at the bottom, newest on the right at the top (1px margin).
        Assert.Equal("0,23 50,12 100,1", svg.QuerySelector("polyline")!.GetAttribute("points"));
    }

    [Fact]
    public void Sparkline_can_be_turned_off_per_panel()
    {
        var panel = Stat();
        panel.Sparkline = false;

        var cut = RenderStat(panel, SourceValue.OfNumber(30), History(10, 20, 30));

        Assert.Empty(cut.FindAll("svg"));
        Assert.Single(cut.FindAll(".stat-delta"));
    }

    private static PanelOptions WithThresholds(PanelOptions panel)
    {
        // Deliberately unsorted: the highest one at or below the value must win.
        panel.Thresholds =
        [
            new ThresholdOptions { Value = 90, Level = "critical" },
            new ThresholdOptions { Value = 0, Level = "ok" },
            new ThresholdOptions { Value = 50, Level = "warn", Label = "Busy" },
        ];
        return panel;
    }
}
