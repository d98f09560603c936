using Dashboard.Panels;
using Dashboard.Panels.Charts;
using Dashboard.Panels.Formatting;
using Dashboard.Sources;

namespace Dashboard.Tests.Panels.Charts;

public sealed class BarLayoutTests
{
    private static readonly FormatContext Context = FormatContext.Utc(DateTimeOffset.UnixEpoch);

    private static PanelOptions Panel(Action<PanelOptions>? change = null)
    {
        var panel = new PanelOptions { Id = "b", Title = "By kind", Source = "src", Type = PanelTypes.Bar };
        change?.Invoke(panel);
        return panel;
    }

    private static List<Category> Categories(params (string Label, double? Value)[] items) => [.. items.Select(i => new Category(i.Label, i.Value))];

    [Fact]
    public void Bars_are_sorted_largest_first_by_default_or_as_asked()
    {
        var data = Categories(("b", 2), ("a", 5), ("c", 1));

        Assert.Equal(["a", "b", "c"], BarLayout.Compute(data, Panel(), false, Context).Bars.Select(b => b.Label));
        Assert.Equal(["c", "b", "a"], BarLayout.Compute(data, Panel(p => p.Sort = "asc"), false, Context).Bars.Select(b => b.Label));
        Assert.Equal(["b", "a", "c"], BarLayout.Compute(data, Panel(p => p.Sort = "none"), false, Context).Bars.Select(b => b.Label));
    }

    [Fact]
    public void Past_the_top_n_the_rest_are_summed_into_other()
    {
        var data = Categories(("a", 50), ("b", 40), ("c", 3), ("d", 2), ("e", 1));

        var g = BarLayout.Compute(data, Panel(p => p.TopN = 2), false, Context);

        Assert.Equal(["a", "b", "Other (3)"], g.Bars.Select(b => b.Label));
        Assert.Equal(6, g.Bars[^1].Value);
        Assert.True(g.Bars[^1].IsOther);
        Assert.Equal("bar other", g.Bars[^1].CssClass);
    }

    [Fact]
    public void Negative_values_grow_from_the_zero_line_the_other_way()
    {
        var g = BarLayout.Compute(Categories(("order", 100), ("refund", -25)), Panel(), false, Context);

        var zero = g.Zero;
        Assert.InRange(zero, 0.01, 0.99);
        var order = g.Bars.Single(b => b.Label == "order");
        var refund = g.Bars.Single(b => b.Label == "refund");
        Assert.Equal(zero, order.Start, 9);
        Assert.Equal(zero, refund.End, 9);
        Assert.True(refund.Start < zero && order.End > zero);
    }

    [Fact]
    public void Thresholds_colour_bars_by_level()
    {
        var panel = Panel(p => p.Thresholds = [new ThresholdOptions { Value = 10, Level = "warn" }, new ThresholdOptions { Value = 100, Level = "critical" }]);

        var g = BarLayout.Compute(Categories(("low", 5), ("mid", 50), ("high", 500)), panel, false, Context);

        Assert.Equal(["bar level-critical", "bar level-warn", "bar series-0"], g.Bars.Select(b => b.CssClass));
        Assert.Contains(g.Thresholds, t => t.Line && t.Level == "critical");
    }

    [Fact]
    public void Values_are_formatted_with_the_panel_format_and_unit()
    {
        var g = BarLayout.Compute(Categories(("order", 104524.08), ("refund", -8650.95)), Panel(p => p.Format = "currency:EUR"), false, Context);

        Assert.Equal(["€104,524.08", "-€8,650.95"], g.Bars.Select(b => b.ValueText));
        Assert.Equal("2 bars. order: €104,524.08; refund: -€8,650.95.", g.Description);
    }

    [Fact]
    public void Long_labels_are_shortened_and_kept_whole_for_the_tooltip()
    {
        var label = new string('x', 60);

        var bar = BarLayout.Compute(Categories((label, 1)), Panel(), false, Context).Bars.Single();

        Assert.Equal(label, bar.Label);
        Assert.Equal(BarLayout.HorizontalLabelChars, bar.ShortLabel.Length);
        Assert.EndsWith("…", bar.ShortLabel);
    }

    [Theory]
    [InlineData(2, 14)]
    [InlineData(6, 4)]
    [InlineData(12, 4)]
    [InlineData(40, 3)]
    public void Vertical_labels_fit_their_share_of_a_narrow_chart(int bars, int chars)
    {
        Assert.Equal(chars, BarLayout.VerticalLabelChars(bars));
    }

    [Fact]
    public void Empty_and_unusable_values_draw_no_bar_and_say_why()
    {
        Assert.Equal("No data.", BarLayout.Compute([], Panel(), false, Context).Description);
        var g = BarLayout.Compute(Categories(("a", null), ("b", double.NaN)), Panel(), false, Context);
        Assert.Empty(g.Bars);
        Assert.Equal("No values (2 without a number).", g.Description);
    }

    [Fact]
    public void Bar_data_comes_from_a_series_or_a_tables_first_numeric_column()
    {
        var panel = Panel(p => p.Columns = [new ColumnOptions { Name = "revenue", Title = "Revenue" }]);
        var series = BarData.From(SourceValue.OfSeries([new SeriesPoint("a", 1), new SeriesPoint(null, 2)]), panel);
        Assert.Equal([("a", 1.0), ("#2", 2.0)], series.Items.Select(c => (c.Label, c.Value!.Value)));

        var table = BarData.From(SourceValue.OfTable(new TableData(["kind", "note", "revenue"], [["a", "x", "3"], ["b", "y", "oops"]], false)), panel);
        Assert.Equal([("a", (double?)3), ("b", null)], table.Items.Select(c => (c.Label, c.Value)));
        Assert.Equal("Revenue", table.ValueName);
    }
}
