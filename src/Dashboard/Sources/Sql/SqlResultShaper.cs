using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Dashboard.Sources.Sql;

/// <summary>Reads just enough rows from a result set to build the requested shape, so an unbounded result
/// is never held in memory: one row for a scalar, <c>MaxRows + 1</c> for a table (the extra row only proves truncation).</summary>
internal static class SqlResultShaper
{
    /// <summary>A chart has no use for more points; past this the query should aggregate.</summary>
    public const int MaxSeriesPoints = 10_000;

    private const int PreviewRows = 20;
    private const int PreviewChars = 2048;

    public static async Task<SourceFetchResult> ReadAsync(DbDataReader reader, ValueShape shape, int maxRows, CancellationToken cancellationToken)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var limit = shape switch
        {
            ValueShape.Scalar => 1,
            ValueShape.Series => MaxSeriesPoints + 1,
            _ => maxRows + 1,
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

        SourceTracing.TagFetch(SourceTracing.RowsTag, rows.Count);
        var value = shape switch
        {
            ValueShape.Scalar => Scalar(rows),
            ValueShape.Series => Series(columns, rows),
            _ => Table(columns, rows, maxRows),
        };
        return new SourceFetchResult(value, Preview(columns, rows));
    }

    private static SourceValue Scalar(List<object?[]> rows)
    {
        if (rows.Count == 0)
        {
            throw new SourceFailureException("query returned no rows");
        }

        var cell = rows[0].Length > 0 ? rows[0][0] : null;
        return cell switch
        {
            null => throw new SourceFailureException("query returned NULL (use COALESCE for a default)"),
            _ when SqlCellFormatter.IsNumber(cell) => SourceValue.OfNumber(Convert.ToDouble(cell, CultureInfo.InvariantCulture)),
            _ => SourceValue.OfText(SqlCellFormatter.Format(cell)!),
        };
    }

    /// <summary>Two columns are (label, value); a single column is values without labels.</summary>
    private static SourceValue Series(string[] columns, List<object?[]> rows)
    {
        if (columns.Length is 0 or > 2)
        {
            throw new SourceFailureException($"a series query must return 1 or 2 columns (label, value), not {columns.Length}");
        }

        if (rows.Count > MaxSeriesPoints)
        {
            throw new SourceFailureException($"series query returned more than {MaxSeriesPoints} rows; aggregate in SQL");
        }

        var points = new List<SeriesPoint>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var y = rows[i][^1];
            if (!SqlCellFormatter.TryGetNumber(y, out var number))
            {
                throw new SourceFailureException(y is null
                    ? $"series value in row {i + 1} is NULL"
                    : $"series value in row {i + 1} is not a number");
            }

            points.Add(new SeriesPoint(columns.Length == 2 ? SqlCellFormatter.Format(rows[i][0]) : null, number));
        }

        return SourceValue.OfSeries(points);
    }

    private static SourceValue Table(string[] columns, List<object?[]> rows, int maxRows)
    {
        var truncated = rows.Count > maxRows;
        var kept = rows.Take(maxRows)
            .Select(row => (IReadOnlyList<string?>)row.Select(SqlCellFormatter.Format).ToArray())
            .ToList();
        return SourceValue.OfTable(new TableData(columns, kept, truncated));
    }

    /// <summary>Tab-separated header and first rows, for the admin's "test a source".</summary>
    private static string Preview(string[] columns, List<object?[]> rows)
    {
        var text = new StringBuilder(string.Join('\t', columns));
        foreach (var row in rows.Take(PreviewRows))
        {
            text.Append('\n').AppendJoin('\t', row.Select(cell => SqlCellFormatter.Format(cell) ?? "NULL"));
            if (text.Length >= PreviewChars)
            {
                break;
            }
        }

        return text.Length <= PreviewChars ? text.ToString() : text.ToString(0, PreviewChars - 1) + "…";
    }
}
