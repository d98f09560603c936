using Dashboard.Panels;
using Dashboard.Panels.Charts;
using Dashboard.Sources;

namespace Dashboard.Tests.Panels.Charts;

public sealed class TimeseriesDataTests
{
    private static readonly PanelOptions Panel = new() { Id = "p", Title = "T", Source = "latency", Type = PanelTypes.Timeseries };

    [Fact]
    public void A_series_is_one_line_named_after_its_source_with_times_from_iso_text_or_unix_numbers()
    {
        var value = SourceValue.OfSeries(
        [
            new SeriesPoint("2026-01-01T12:00:00Z", 1),
            new SeriesPoint("2026-01-01 12:01:00", 2),
            new SeriesPoint("1767268920", 3),
            new SeriesPoint("1767268980000", 4),
            new SeriesPoint("12:05", 5),
            new SeriesPoint(null, 6),
        ]);

        var data = TimeseriesData.From(value, Panel);

        var series = Assert.Single(data.Series);
        Assert.Equal("latency", series.Name);
        Assert.Equal([0, 1, 2, 3], series.Points.Select(p => (int)(p.At - new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)).TotalMinutes));
        Assert.Equal(2, data.Skipped);
    }

    [Fact]
    public void A_wide_table_has_a_series_per_numeric_column_and_empty_cells_are_missing()
    {
        var table = new TableData(
            ["time", "p50", "p95", "host"],
            [
                ["2026-01-01T12:00:00Z", "10", "20", "a"],
                ["2026-01-01T12:01:00Z", null, "NaN", "a"],
                ["2026-01-01T12:02:00Z", "12", "null", "a"],
                ["not a time", "1", "1", "a"],
            ],
            false);

        var data = TimeseriesData.From(SourceValue.OfTable(table), Panel);

        Assert.Equal(["p50", "p95"], data.Series.Select(s => s.Name));
        Assert.Equal([10, null, 12], data.Series[0].Points.Select(p => p.Value));
        Assert.Equal([20, null, null], data.Series[1].Points.Select(p => p.Value));
        Assert.Equal(1, data.Skipped);
    }

    [Fact]
    public void A_long_table_with_one_name_column_becomes_a_series_per_name()
    {
        var table = new TableData(
            ["hour", "kind", "events"],
            [["1767268800", "order", "5"], ["1767268800", "signup", "2"], ["1767272400", "order", "7"]],
            false);

        var data = TimeseriesData.From(SourceValue.OfTable(table), Panel);

        Assert.Equal(["order", "signup"], data.Series.Select(s => s.Name));
        Assert.Equal([5, 7], data.Series[0].Points.Select(p => p.Value));
    }

    [Fact]
    public void Column_options_rename_and_hide_series()
    {
        var panel = new PanelOptions
        {
            Id = "p", Source = "s", Type = PanelTypes.Timeseries,
            Columns = [new ColumnOptions { Name = "p50", Title = "median" }, new ColumnOptions { Name = "p95", Hidden = true }],
        };
        var table = new TableData(["time", "p50", "p95"], [["2026-01-01T12:00:00Z", "1", "2"]], false);

        var data = TimeseriesData.From(SourceValue.OfTable(table), panel);

        Assert.Equal(["median"], data.Series.Select(s => s.Name));
    }

    [Fact]
    public void A_scalar_gives_no_series()
    {
        Assert.Empty(TimeseriesData.From(SourceValue.OfNumber(3), Panel).Series);
    }
}
