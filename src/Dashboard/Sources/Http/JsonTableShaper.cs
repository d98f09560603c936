using System.Text.Json;

namespace Dashboard.Sources.Http;

/// <summary>Builds a table from an array (or wildcard matches) of objects: columns are the union of keys in
/// first-seen order, a missing key is a null cell, cells are rendered to text (nested values as compact JSON) and cut
/// to the cell limit, rows past the cap are dropped with <see cref="TableData.Truncated"/> set, and more columns than
/// the limit fail the source.</summary>
internal static class JsonTableShaper
{
    public static SourceValue Shape(JsonSelection selection, ShapingLimitsOptions limits)
    {
        var items = JsonShapeSupport.Items(selection)
            ?? throw SourceFailureException.UnexpectedData($"expected an array of objects at '{selection.Path}', found {JsonShapeSupport.DescribeSelection(selection)}");

        var columns = new List<string>();
        var columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var cellsByRow = new List<Dictionary<int, string?>>();
        var kept = Math.Min(items.Count, limits.MaxRows);
        for (var i = 0; i < kept; i++)
        {
            var item = items[i];
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw SourceFailureException.UnexpectedData(
                    $"expected an object at {JsonShapeSupport.At(selection, i)}, found {JsonKindText.Describe(item)}");
            }

            var cells = new Dictionary<int, string?>();
            foreach (var property in item.EnumerateObject())
            {
                if (!columnIndex.TryGetValue(property.Name, out var column))
                {
                    if (columns.Count == limits.MaxColumns)
                    {
                        limits.CheckColumns(CountColumns(items, kept), "response");
                    }

                    column = columns.Count;
                    columnIndex.Add(property.Name, column);
                    columns.Add(property.Name);
                }

                cells[column] = limits.Cut(JsonShapeSupport.ToText(property.Value));
            }

            cellsByRow.Add(cells);
        }

        // Columns are only known once every kept row is seen, so rows are laid out at the end.
        var rows = cellsByRow
            .Select(cells => (IReadOnlyList<string?>)[.. Enumerable.Range(0, columns.Count).Select(c => cells.GetValueOrDefault(c))])
            .ToList();
        return SourceValue.OfTable(new TableData([.. columns.Select(c => limits.Cut(c)!)], rows, Truncated: items.Count > kept, TotalRows: items.Count));
    }

    /// <summary>Distinct keys over the kept rows, for the "too wide" reason (bounded by the response size cap).</summary>
    private static int CountColumns(IReadOnlyList<JsonElement> items, int kept)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items.Take(kept).Where(i => i.ValueKind == JsonValueKind.Object))
        {
            names.UnionWith(item.EnumerateObject().Select(p => p.Name));
        }

        return names.Count;
    }
}
