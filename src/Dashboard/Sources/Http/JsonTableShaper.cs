using System.Text.Json;

namespace Dashboard.Sources.Http;

/// <summary>Builds a table from an array (or wildcard matches) of objects: columns are the union of keys in
/// first-seen order, a missing key is a null cell, cells are rendered to text (nested values as compact JSON),
/// and rows past the cap are dropped with <see cref="TableData.Truncated"/> set.</summary>
internal static class JsonTableShaper
{
    public static SourceValue Shape(JsonSelection selection, int maxRows)
    {
        var items = JsonShapeSupport.Items(selection)
            ?? throw SourceFailureException.UnexpectedData($"expected an array of objects at '{selection.Path}', found {JsonShapeSupport.DescribeSelection(selection)}");

        var columns = new List<string>();
        var columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var cellsByRow = new List<Dictionary<int, string?>>();
        var kept = Math.Min(items.Count, maxRows);
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
                    column = columns.Count;
                    columnIndex.Add(property.Name, column);
                    columns.Add(property.Name);
                }

                cells[column] = JsonShapeSupport.ToText(property.Value);
            }

            cellsByRow.Add(cells);
        }

        // Columns are only known once every kept row is seen, so rows are laid out at the end.
        var rows = cellsByRow
            .Select(cells => (IReadOnlyList<string?>)[.. Enumerable.Range(0, columns.Count).Select(c => cells.GetValueOrDefault(c))])
            .ToList();
        return SourceValue.OfTable(new TableData(columns, rows, Truncated: items.Count > maxRows));
    }
}
