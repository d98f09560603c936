using Dashboard.Panels.Formatting;
using Dashboard.Sources;

namespace Dashboard.Panels.Charts;

/// <summary>Time series read from a source value.
/// <list type="bullet">
/// <item>Series: one series; each point's label is its time (ISO 8601 or unix seconds/ms).</item>
/// <item>Table, wide: the first column is the time, every other column with a number in it is a series; an empty,
/// null or non-numeric cell is a missing value.</item>
/// <item>Table, long: time, one text column naming the series, and numeric columns, with times repeating (as SQL's
/// <c>GROUP BY hour, kind</c> returns it): one series per name (and per numeric column when there are several).</item>
/// </list>
/// Rows whose time cannot be read are left out and counted in <see cref="Skipped"/>. A table's columns may be renamed or
/// hidden by the panel's <see cref="PanelOptions.Columns"/>.</summary>
public sealed record TimeseriesData(IReadOnlyList<ChartSeries> Series, int Skipped)
{
    public static TimeseriesData From(SourceValue value, PanelOptions panel) => value.Shape switch
    {
        ValueShape.Series when value.Points is { } points => FromPoints(points, panel.Source),
        ValueShape.Table when value.Table is { } table => FromTable(table, panel.Columns),
        _ => new TimeseriesData([], 0),
    };

    private static TimeseriesData FromPoints(IReadOnlyList<SeriesPoint> points, string name)
    {
        var parsed = new List<TimePoint>(points.Count);
        foreach (var point in points)
        {
            if (TimeText.TryParse(point.X, out var at))
            {
                parsed.Add(new TimePoint(at, point.Y));
            }
        }

        return new TimeseriesData([new ChartSeries(name, parsed)], points.Count - parsed.Count);
    }

    private static TimeseriesData FromTable(TableData table, IReadOnlyList<ColumnOptions> columns)
    {
        if (table.Columns.Count < 2)
        {
            return new TimeseriesData([], table.Rows.Count);
        }

        var times = table.Rows.Select(r => TimeText.TryParse(Cell(r, 0), out var at) ? at : (DateTimeOffset?)null).ToList();
        var numeric = new List<int>();
        var text = new List<int>();
        for (var c = 1; c < table.Columns.Count; c++)
        {
            if (Find(columns, table.Columns[c])?.Hidden == true)
            {
                continue;
            }

            var cells = table.Rows.Select(r => Cell(r, c)).Where(v => !string.IsNullOrWhiteSpace(v) && !IsMissingWord(v!)).ToList();
            (cells.Count > 0 && cells.All(v => ValueFormatter.TryNumber(v, out _)) ? numeric : text).Add(c);
        }

        var skipped = times.Count(t => t is null);
        // Long format shows itself by times that repeat (one row per series per time); otherwise a text column is a label.
        var known = times.OfType<DateTimeOffset>().ToList();
        if (text.Count == 1 && numeric.Count > 0 && known.Distinct().Count() < known.Count)
        {
            return new TimeseriesData(Long(table, times, text[0], numeric, columns), skipped);
        }

        var series = numeric.Select(c => new ChartSeries(
            Title(columns, table.Columns[c]),
            [.. table.Rows.Select((r, i) => (r, i)).Where(x => times[x.i] is not null).Select(x => new TimePoint(times[x.i]!.Value, Number(Cell(x.r, c))))]));
        return new TimeseriesData([.. series], skipped);
    }

    private static List<ChartSeries> Long(TableData table, List<DateTimeOffset?> times, int nameColumn, List<int> numeric, IReadOnlyList<ColumnOptions> columns)
    {
        var byName = new Dictionary<string, List<TimePoint>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            if (times[i] is not { } at)
            {
                continue;
            }

            foreach (var c in numeric)
            {
                var label = Cell(table.Rows[i], nameColumn) ?? "";
                var name = numeric.Count == 1 ? label : $"{label} {Title(columns, table.Columns[c])}";
                if (!byName.TryGetValue(name, out var points))
                {
                    byName[name] = points = [];
                    order.Add(name);
                }

                points.Add(new TimePoint(at, Number(Cell(table.Rows[i], c))));
            }
        }

        return [.. order.Select(n => new ChartSeries(n, byName[n]))];
    }

    private static string? Cell(IReadOnlyList<string?> row, int column) => column < row.Count ? row[column] : null;

    private static double? Number(string? cell) => ValueFormatter.TryNumber(cell, out var n) && double.IsFinite(n) ? n : null;

    // JSON null becomes no cell; some APIs write the word instead.
    private static bool IsMissingWord(string cell) => cell.Trim().ToLowerInvariant() is "null" or "nan" or "none" or "n/a" or "-";

    private static ColumnOptions? Find(IReadOnlyList<ColumnOptions> columns, string name) =>
        columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string Title(IReadOnlyList<ColumnOptions> columns, string name) => Find(columns, name)?.Title is { Length: > 0 } title ? title : name;
}
