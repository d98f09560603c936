using Dashboard.Panels;
using Dashboard.Panels.Formatting;
using Dashboard.Panels.Tables;
using Dashboard.Sources;

namespace Dashboard.Tests.Panels.Tables;

public sealed class TableViewTests
{
    private static readonly FormatContext Context = FormatContext.Utc(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private static readonly TableData Orders = new(
        ["id", "customer", "total", "at"],
        [
            ["9", "Umbrella", "63.5", "2026-01-01T11:58:00Z"],
            ["10", "acme", "190.25", "2026-01-01T11:50:00Z"],
            ["11", "Globex", null, "2026-01-01T11:59:00Z"],
            ["12", "Hooli", "7", "2026-01-01T11:00:00Z"],
        ],
        false);

    private static PanelOptions Panel(params ColumnOptions[] columns) =>
        new() { Id = "orders", Title = "Orders", Source = "src", Type = PanelTypes.Table, Columns = [.. columns] };

    private static string[][] Texts(TableView view) => [.. view.Rows.Select(r => r.Select(c => c.Text).ToArray())];

    [Fact]
    public void Without_column_options_the_table_is_as_the_source_has_it()
    {
        var view = TableView.Build(Orders, Panel(), null, Context);

        Assert.Equal(["id", "customer", "total", "at"], view.Columns.Select(c => c.Title));
        Assert.Equal(["9", "Umbrella", "63.5", "2026-01-01T11:58:00Z"], Texts(view)[0]);
        Assert.Equal([true, false, true, false], view.Columns.Select(c => c.Numeric));
    }

    [Fact]
    public void Columns_are_renamed_reordered_hidden_and_formatted()
    {
        var panel = Panel(
            new ColumnOptions { Name = "TOTAL", Title = "Total", Format = "currency:EUR" },
            new ColumnOptions { Name = "at", Title = "When", Format = "relative" },
            new ColumnOptions { Name = "id", Hidden = true },
            new ColumnOptions { Name = "gone", Title = "Not in the source" });

        var view = TableView.Build(Orders, panel, null, Context);

        Assert.Equal(["Total", "When", "customer"], view.Columns.Select(c => c.Title));
        Assert.Equal(["€63.50", "2 min ago", "Umbrella"], Texts(view)[0]);
        Assert.Equal(["", "1 min ago", "Globex"], Texts(view)[2]);
    }

    [Fact]
    public void Column_thresholds_set_each_cells_level_with_its_text()
    {
        var panel = Panel(new ColumnOptions
        {
            Name = "total",
            Thresholds = [new ThresholdOptions { Value = 50, Level = "ok" }, new ThresholdOptions { Value = 150, Level = "warn", Label = "Large" }],
        });

        var view = TableView.Build(Orders, panel, null, Context);

        var totals = view.Rows.Select(r => r[0]).ToList();
        Assert.Equal(["ok", "warn", null, null], totals.Select(c => c.Level));
        Assert.Equal(["OK", "Large", null, null], totals.Select(c => c.LevelText));
    }

    [Fact]
    public void Sorting_by_a_numeric_column_compares_numbers_and_puts_empty_cells_last()
    {
        var ascending = TableView.Build(Orders, Panel(), new TableSortRequest("total", false), Context);
        var descending = TableView.Build(Orders, Panel(), new TableSortRequest("total", true), Context);

        Assert.Equal(["12", "9", "10", "11"], Texts(ascending).Select(r => r[0]));
        Assert.Equal(["10", "9", "12", "11"], Texts(descending).Select(r => r[0]));
        Assert.Equal("ascending", ascending.Columns.Single(c => c.Name == "total").Sorted);
        Assert.Null(ascending.Columns.Single(c => c.Name == "id").Sorted);
    }

    [Fact]
    public void Sorting_text_ignores_case_and_ids_sort_as_numbers_not_text()
    {
        Assert.Equal(["acme", "Globex", "Hooli", "Umbrella"], Texts(TableView.Build(Orders, Panel(), new TableSortRequest("CUSTOMER", false), Context)).Select(r => r[1]));
        Assert.Equal(["12", "11", "10", "9"], Texts(TableView.Build(Orders, Panel(), new TableSortRequest("id", true), Context)).Select(r => r[0]));
    }

    [Fact]
    public void An_unknown_sort_column_leaves_the_source_order()
    {
        var view = TableView.Build(Orders, Panel(), new TableSortRequest("nope", true), Context);

        Assert.Equal(["9", "10", "11", "12"], Texts(view).Select(r => r[0]));
        Assert.All(view.Columns, c => Assert.Null(c.Sorted));
    }
}
