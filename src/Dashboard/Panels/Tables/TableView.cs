using Dashboard.Panels.Charts;
using Dashboard.Panels.Formatting;
using Dashboard.Sources;

namespace Dashboard.Panels.Tables;

/// <summary>A table as the panel shows it: columns renamed, reordered and hidden by the panel's
/// <see cref="PanelOptions.Columns"/> (listed ones first, in that order; the others after, as the source has them),
/// cells formatted and coloured by their column's thresholds, rows sorted when the viewer asked for a known column.</summary>
public sealed record TableView(IReadOnlyList<TableViewColumn> Columns, IReadOnlyList<IReadOnlyList<TableViewCell>> Rows)
{
    public static TableView Build(TableData table, PanelOptions panel, TableSortRequest? sort, FormatContext context)
    {
        var columns = Order(table.Columns, panel.Columns);
        var sortColumn = sort is null ? -1 : IndexOf(table.Columns, sort.Column);
        IEnumerable<IReadOnlyList<string?>> rows = table.Rows;
        if (sortColumn >= 0)
        {
            rows = Sorted(table.Rows, sortColumn, sort!.Descending);
        }

        var view = columns.Select(c =>
        {
            var options = Find(panel.Columns, table.Columns[c]);
            var numeric = table.Rows.Any(r => Cell(r, c) is { Length: > 0 })
                && table.Rows.All(r => Cell(r, c) is not { Length: > 0 } text || ValueFormatter.TryNumber(text, out _));
            var direction = c == sortColumn ? (sort!.Descending ? "descending" : "ascending") : null;
            return new TableViewColumn(c, table.Columns[c], options?.Title is { Length: > 0 } title ? title : table.Columns[c], numeric, direction, options);
        }).ToList();

        var cells = rows.Select(r => (IReadOnlyList<TableViewCell>)[.. view.Select(c => CellView(Cell(r, c.Source), c, context))]).ToList();
        return new TableView(view, cells);
    }

    private static TableViewCell CellView(string? text, TableViewColumn column, FormatContext context)
    {
        if (column.Options is not { } options)
        {
            return new TableViewCell(text ?? "", null, null);
        }

        var format = ValueFormat.For(options.Format, options.Decimals);
        var shown = ValueFormatter.Cell(text, format, context);
        var isNumber = ValueFormatter.TryNumber(text, out var number);
        if (isNumber && !string.IsNullOrEmpty(options.Unit) && !format.IsTime)
        {
            shown = ValueFormatter.WithUnit(shown, options.Unit);
        }

        var level = isNumber ? ThresholdBands.LevelOf(options.Thresholds, number) : null;
        var label = level is null ? null : options.Thresholds.Where(t => number >= t.Value).OrderBy(t => t.Value).Last().Label ?? LevelNames.Of(level);
        return new TableViewCell(shown, level, label);
    }

    private static List<int> Order(IReadOnlyList<string> names, IReadOnlyList<ColumnOptions> options)
    {
        var listed = options.Select(o => IndexOf(names, o.Name)).Where(i => i >= 0).Distinct().ToList();
        return [.. listed.Concat(Enumerable.Range(0, names.Count).Except(listed)).Where(i => Find(options, names[i])?.Hidden != true)];
    }

    private static IEnumerable<IReadOnlyList<string?>> Sorted(IReadOnlyList<IReadOnlyList<string?>> rows, int column, bool descending)
    {
        // Empty cells last whichever the direction; numbers by value when the whole column is numeric, else text.
        var numeric = rows.All(r => Cell(r, column) is not { Length: > 0 } text || ValueFormatter.TryNumber(text, out _));
        var filled = rows.Where(r => Cell(r, column) is { Length: > 0 }).ToList();
        var empty = rows.Where(r => Cell(r, column) is not { Length: > 0 });
        IOrderedEnumerable<IReadOnlyList<string?>> ordered = numeric
            ? descending ? filled.OrderByDescending(r => Number(Cell(r, column))) : filled.OrderBy(r => Number(Cell(r, column)))
            : descending ? filled.OrderByDescending(r => Cell(r, column), StringComparer.OrdinalIgnoreCase) : filled.OrderBy(r => Cell(r, column), StringComparer.OrdinalIgnoreCase);
        return ordered.Concat(empty);
    }

    private static double Number(string? text) => ValueFormatter.TryNumber(text, out var n) ? n : double.NaN;

    private static string? Cell(IReadOnlyList<string?> row, int column) => column < row.Count ? row[column] : null;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static ColumnOptions? Find(IReadOnlyList<ColumnOptions> options, string name) =>
        options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <param name="Source">The column's index in the source's table.</param>
/// <param name="Sorted">"ascending" or "descending" when the table is sorted by this column.</param>
public sealed record TableViewColumn(int Source, string Name, string Title, bool Numeric, string? Sorted, ColumnOptions? Options);

/// <param name="Level">The threshold level of the cell's value, or null.</param>
/// <param name="LevelText">That level in words (its threshold's label, or "Warning"…).</param>
public sealed record TableViewCell(string Text, string? Level, string? LevelText);
