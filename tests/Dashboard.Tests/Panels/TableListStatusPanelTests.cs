using Bunit;
using Dashboard.Panels;
using Dashboard.Panels.Tables;
using Dashboard.Sources;
using Dashboard.Sources.Engine;

namespace Dashboard.Tests.Panels;

public sealed class TableListStatusPanelTests : PanelTestContext
{
    private static readonly PanelOptions TablePanelOptions = new() { Id = "orders", Title = "Recent orders", Source = "src", Type = PanelTypes.Table };

    private static SourceValue Orders(bool truncated) => SourceValue.OfTable(new TableData(
        ["id", "customer", "total"],
        [["1", "Ada", "12.5"], ["2", "Grace", null]],
        truncated));

    [Fact]
    public void Table_renders_a_header_cell_per_column_and_a_row_per_row()
    {
        var cut = Render<TablePanel>(p => p.Add(x => x.Panel, TablePanelOptions).Add(x => x.Value, Orders(truncated: false)));

        Assert.Equal(["id", "customer", "total"], cut.FindAll("thead th[scope=col]").Select(th => th.TextContent));
        var rows = cut.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "Ada", "12.5"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(["2", "Grace", ""], rows[1].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("Recent orders", cut.Find("caption").TextContent);
        Assert.Empty(cut.FindAll(".note"));
    }

    [Fact]
    public void Truncated_table_says_how_many_rows_are_shown()
    {
        var cut = Render<TablePanel>(p => p.Add(x => x.Panel, TablePanelOptions).Add(x => x.Value, Orders(truncated: true)));

        Assert.Equal("Showing the first 2 rows.", cut.Find("p.note").TextContent);
    }

    [Fact]
    public void Empty_table_says_no_rows()
    {
        var empty = SourceValue.OfTable(new TableData(["id"], [], false));

        var cut = Render<TablePanel>(p => p.Add(x => x.Panel, TablePanelOptions).Add(x => x.Value, empty));

        Assert.Single(cut.FindAll("thead th"));
        Assert.Empty(cut.FindAll("tbody tr"));
        Assert.Equal("No rows.", cut.Find("p.note").TextContent);
    }

    [Fact]
    public void Table_panel_given_a_scalar_explains_instead_of_throwing()
    {
        var cut = Render<TablePanel>(p => p.Add(x => x.Panel, TablePanelOptions).Add(x => x.Value, SourceValue.OfNumber(3)));

        Assert.Empty(cut.FindAll("table"));
        Assert.Equal("This source does not return a table.", cut.Find("p.note").TextContent);
    }

    [Fact]
    public void List_from_a_table_uses_the_first_column_as_label_and_the_second_as_detail()
    {
        var panel = new PanelOptions { Id = "l", Title = "L", Source = "src", Type = PanelTypes.List };

        var cut = Render<ListPanel>(p => p.Add(x => x.Panel, panel).Add(x => x.Value, Orders(truncated: false)));

        var items = cut.FindAll("ul.list li");
        Assert.Equal(2, items.Count);
        Assert.Equal("1", items[0].QuerySelector(".label")!.TextContent);
        Assert.Equal("Ada", items[0].QuerySelector(".detail")!.TextContent);
    }

    [Fact]
    public void List_from_a_single_column_table_has_no_detail()
    {
        var panel = new PanelOptions { Id = "l", Title = "L", Source = "src", Type = PanelTypes.List };
        var names = SourceValue.OfTable(new TableData(["name"], [["alpha"], ["beta"]], false));

        var cut = Render<ListPanel>(p => p.Add(x => x.Panel, panel).Add(x => x.Value, names));

        Assert.Equal(["alpha", "beta"], cut.FindAll("li .label").Select(e => e.TextContent));
        Assert.Empty(cut.FindAll(".detail"));
    }

    [Fact]
    public void List_from_a_series_labels_points_by_x_or_position_and_is_capped_at_max_items()
    {
        var panel = new PanelOptions { Id = "l", Title = "L", Source = "src", Type = PanelTypes.List, MaxItems = 3 };
        var series = SourceValue.OfSeries([new SeriesPoint("eu-west", 1234.5), new SeriesPoint(null, 0.126), new SeriesPoint("us", 7), new SeriesPoint("ap", 9)]);

        var cut = Render<ListPanel>(p => p.Add(x => x.Panel, panel).Add(x => x.Value, series));

        var items = cut.FindAll("ul.list li");
        Assert.Equal(3, items.Count);
        Assert.Equal(["eu-west", "#2", "us"], items.Select(li => li.QuerySelector(".label")!.TextContent));
        Assert.Equal(["1,234.5", "0.13", "7"], items.Select(li => li.QuerySelector(".detail")!.TextContent));
    }

    [Fact]
    public void Empty_list_says_nothing_to_show()
    {
        var panel = new PanelOptions { Id = "l", Title = "L", Source = "src", Type = PanelTypes.List };

        var cut = Render<ListPanel>(p => p.Add(x => x.Panel, panel).Add(x => x.Value, SourceValue.OfSeries([])));

        Assert.Empty(cut.FindAll("ul"));
        Assert.Equal("Nothing to show.", cut.Find("p.note").TextContent);
    }

    [Fact]
    public void Status_is_up_while_the_source_answers_and_shows_its_value()
    {
        var cut = Render<StatusPanel>(p => p.Add(x => x.Reading, FreshReading(SourceValue.OfText("all systems go"), TimeSpan.FromSeconds(3))));

        var status = cut.Find("div.status");
        Assert.Contains("up", status.ClassList);
        Assert.DoesNotContain("down", status.ClassList);
        Assert.Equal("Up", cut.Find(".status-value").TextContent);
        Assert.Equal("all systems go", cut.Find(".status-detail").TextContent);
    }

    [Fact]
    public void Status_is_down_when_only_a_stale_value_is_left()
    {
        var cut = Render<StatusPanel>(p => p.Add(x => x.Reading, StaleReading(SourceValue.OfNumber(200), TimeSpan.FromMinutes(1), "HTTP 503")));

        Assert.Contains("down", cut.Find("div.status").ClassList);
        Assert.Equal("Down", cut.Find(".status-value").TextContent);
        Assert.Equal("200", cut.Find(".status-detail").TextContent);
    }

    [Fact]
    public void Status_is_down_when_unavailable()
    {
        var cut = Render<StatusPanel>(p => p.Add(x => x.Reading, SourceReading.Unavailable("src", "connection failed", "connection failed")));

        Assert.Contains("down", cut.Find("div.status").ClassList);
        Assert.Equal("Down", cut.Find(".status-value").TextContent);
        Assert.Empty(cut.FindAll(".status-detail"));
    }
}
