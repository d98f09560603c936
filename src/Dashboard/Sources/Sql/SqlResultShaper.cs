using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Dashboard.Sources.Sql;

/// <summary>Reads just enough rows from a result set to build the requested shape, so an unbounded result
/// is never held in memory: one row for a scalar, <c>MaxRows + 1</c> for a table (the extra row only proves truncation),
/// <c>MaxSeriesPoints + 1</c> for a series. A table wider than <see cref="ShapingLimitsOptions.MaxColumns"/> fails
/// before any row is read; cells are cut to <see cref="ShapingLimitsOptions.MaxCellChars"/>.</summary>
internal static class SqlResultShaper
{
    private const int PreviewRows = 20;
    private const int PreviewChars = 2048;

    /// <param name="limits">Shape limits, the row cap already lowered to the source's own <c>MaxRows</c>.</param>
    public static async Task<SourceFetchResult> ReadAsync(DbDataReader reader, ValueShape shape, ShapingLimitsOptions limits, CancellationToken cancellationToken)
    {
        if (shape == ValueShape.Table)
        {
            limits.CheckColumns(reader.FieldCount, "query result");
        }

        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var limit = shape switch
        {
            ValueShape.Scalar => 1,
            ValueShape.Series => limits.MaxSeriesPoints + 1,
            _ => limits.MaxRows + 1,
        };

        var rows = new List<object?[]>();
        while (rows.Count < limit && await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[columns.Length];
            for (var i = 0; i < row.Length; i++)
            {
                var cell = reader.GetValue(i);
                row[i] = cell is DBNull ? null : cell;
            }

            rows.Add(row);
        }

        var value = shape switch
        {
            ValueShape.Scalar => Scalar(rows, limits),
            ValueShape.Series => Series(columns, rows, limits),
            _ => Table(columns, rows, limits),
        };
        return new SourceFetchResult(value, Preview(columns, rows, limits));
    }

    private static SourceValue Scalar(List<object?[]> rows, ShapingLimitsOptions limits)
    {
        if (rows.Count == 0)
        {
            throw SourceFailureException.UnexpectedData("query returned no rows");
        }

        var cell = rows[0].Length > 0 ? rows[0][0] : null;
        return cell switch
        {
            null => throw SourceFailureException.UnexpectedData("query returned NULL (use COALESCE for a default)"),
            _ when SqlCellFormatter.IsNumber(cell) => SourceValue.OfNumber(Convert.ToDouble(cell, CultureInfo.InvariantCulture)),
            _ => SourceValue.OfText(SqlCellFormatter.Format(cell, limits)!),
        };
    }

    /// <summary>Two columns are (label, value); a single column is values without labels.</summary>
    private static SourceValue Series(string[] columns, List<object?[]> rows, ShapingLimitsOptions limits)
    {
        if (columns.Length is 0 or > 2)
        {
            throw SourceFailureException.UnexpectedData($"a series query must return 1 or 2 columns (label, value), not {columns.Length}");
        }

        if (rows.Count > limits.MaxSeriesPoints)
        {
            throw SourceFailureException.UnexpectedData($"series query returned more than {limits.MaxSeriesPoints} rows; aggregate in SQL");
        }

        var points = new List<SeriesPoint>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var y = rows[i][^1];
            if (!SqlCellFormatter.TryGetNumber(y, out var number))
            {
                throw SourceFailureException.UnexpectedData(y is null
                    ? $"series value in row {i + 1} is NULL"
                    : $"series value in row {i + 1} is not a number");
            }

            points.Add(new SeriesPoint(columns.Length == 2 ? SqlCellFormatter.Format(rows[i][0], limits) : null, number));
        }

        return SourceValue.OfSeries(points);
    }

    private static SourceValue Table(string[] columns, List<object?[]> rows, ShapingLimitsOptions limits)
    {
        var truncated = rows.Count > limits.MaxRows;
        var kept = rows.Take(limits.MaxRows)
            .Select(row => (IReadOnlyList<string?>)[.. row.Select(cell => SqlCellFormatter.Format(cell, limits))])
            .ToList();
        return SourceValue.OfTable(new TableData([.. columns.Select(c => limits.Cut(c)!)], kept, truncated));
    }

    /// <summary>Tab-separated header and first rows, for the admin's "test a source".</summary>
    private static string Preview(string[] columns, List<object?[]> rows, ShapingLimitsOptions limits)
    {
        var text = new StringBuilder(string.Join('\t', columns));
        foreach (var row in rows.Take(PreviewRows))
        {
            text.Append('\n').AppendJoin('\t', row.Select(cell => SqlCellFormatter.Format(cell, limits) ?? "NULL"));
            if (text.Length >= PreviewChars)
            {
                break;
            }
        }

        return text.Length <= PreviewChars ? text.ToString() : text.ToString(0, PreviewChars - 1) + "…";
    }
}
