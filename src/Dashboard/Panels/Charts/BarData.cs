using System.Globalization;
using Dashboard.Panels.Formatting;
using Dashboard.Sources;

namespace Dashboard.Panels.Charts;

/// <summary>Bar categories read from a source value: a Series' points (label, number), or a Table's first column as
/// the label and its first numeric column as the value. Unlabelled points are "#1", "#2"…</summary>
public static class BarData
{
    public static BarCategories From(SourceValue value, PanelOptions panel) => value.Shape switch
    {
        ValueShape.Series when value.Points is { } points => new BarCategories(
            [.. points.Select((p, i) => new Category(p.X ?? $"#{i + 1}", double.IsFinite(p.Y) ? p.Y : null))], panel.Source),
        ValueShape.Table when value.Table is { } table => FromTable(table, panel.Columns),
        _ => new BarCategories([], panel.Source),
    };

    private static BarCategories FromTable(TableData table, IReadOnlyList<ColumnOptions> columns)
    {
        var valueColumn = Enumerable.Range(1, Math.Max(0, table.Columns.Count - 1))
            .FirstOrDefault(c => table.Rows.Any(r => c < r.Count && ValueFormatter.TryNumber(r[c], out _)), -1);
        if (valueColumn < 0)
        {
            return new BarCategories([], "value");
        }

        var categories = table.Rows.Select((r, i) => new Category(
            r.Count > 0 && !string.IsNullOrEmpty(r[0]) ? r[0]! : $"#{i + 1}",
            valueColumn < r.Count && ValueFormatter.TryNumber(r[valueColumn], out var n) && double.IsFinite(n) ? n : null));
        var name = table.Columns[valueColumn];
        var title = columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))?.Title;
        return new BarCategories([.. categories], string.IsNullOrEmpty(title) ? name : title);
    }
}

/// <param name="ValueName">What the values are (the table column, or the source), for the data table's header.</param>
public sealed record BarCategories(IReadOnlyList<Category> Items, string ValueName)
{
    public string Count => Items.Count.ToString(CultureInfo.InvariantCulture);
}
