using System.Globalization;
using Dashboard.Panels.Formatting;

namespace Dashboard.Panels.Charts;

/// <summary>A timeseries as a table (the "show as table" view, and what the hover script reads): one row per time any
/// series has a point at, one cell per series (empty where it has none or its value is missing).</summary>
public sealed record ChartTable(IReadOnlyList<string> Series, IReadOnlyList<ChartTableRow> Rows)
{
    /// <summary>The most rows the table keeps on the dashboard grid. The table is there for a glance without a chart and
    /// for the hover read-out, and a grid chart is a few hundred pixels wide: 120 rows still put one every few pixels,
    /// while a day at one point a minute (1,440 rows, ~70 KB of markup per chart) made the grid page several times
    /// heavier. The full-width view keeps every row and the table links there.</summary>
    public const int GridRows = 120;

    /// <summary>How many rows the data has; more than <see cref="Rows"/> when the table is a sample.</summary>
    public int Total { get; init; } = Rows.Count;

    public bool IsSample => Rows.Count < Total;

    /// <summary>At most <paramref name="cap"/> of the rows, evenly spaced over the time span (<see cref="EvenSample"/>).</summary>
    public ChartTable Sample(int cap) =>
        Rows.Count <= cap ? this : this with { Rows = EvenSample.Pick(Rows, r => r.At.ToUnixTimeMilliseconds(), cap), Total = Rows.Count };

    public static ChartTable For(IReadOnlyList<ChartSeries> series, DateTimeOffset from, DateTimeOffset to, ValueFormat format, string? unit, FormatContext context)
    {
        var columns = series.Select(s => s.Points
                .Where(p => p.At >= from && p.At <= to)
                .GroupBy(p => p.At)
                .ToDictionary(g => g.Key, g => g.Last().Value))
            .ToList();
        var times = columns.SelectMany(c => c.Keys).Distinct().Order().ToList();
        var withSeconds = times.Any(t => t.Second != 0 || t.Millisecond != 0);
        var rows = times.Select(at => new ChartTableRow(
            at,
            TimeZoneInfo.ConvertTime(at, context.Zone).ToString(withSeconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            [.. columns.Select(c => c.TryGetValue(at, out var v) && v is { } value && double.IsFinite(value)
                ? new ChartTableCell(value.ToString("R", CultureInfo.InvariantCulture), ValueFormatter.WithUnit(ValueFormatter.Format(value, format, context), unit))
                : ChartTableCell.Missing)]))
            .ToList();
        return new ChartTable([.. series.Select(s => s.Name)], rows);
    }
}

/// <param name="Label">The time as written in the dashboard's zone.</param>
public sealed record ChartTableRow(DateTimeOffset At, string Label, IReadOnlyList<ChartTableCell> Cells)
{
    /// <summary>The time in UTC, to the millisecond when it has any (the hover script parses it to place the crosshair).</summary>
    public string Iso => At.UtcDateTime.ToString(At.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <param name="Raw">The value in invariant round-trip form (for the hover script), or null when missing.</param>
public sealed record ChartTableCell(string? Raw, string Text)
{
    public static readonly ChartTableCell Missing = new(null, "");
}
