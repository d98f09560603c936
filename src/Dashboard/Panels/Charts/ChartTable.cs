using System.Globalization;
using Dashboard.Panels.Formatting;

namespace Dashboard.Panels.Charts;

/// <summary>A timeseries as a table (the "show as table" view, and what the hover script reads): one row per time any
/// series has a point at, one cell per series (empty where it has none or its value is missing). A series with a band
/// (a history's minimum and maximum per bucket) gets two more columns for it, marked <see cref="Bands"/>: the hover
/// script reads the series' own columns only.</summary>
public sealed record ChartTable(IReadOnlyList<string> Series, IReadOnlyList<ChartTableRow> Rows)
{
    /// <summary>Which columns (as in <see cref="Series"/>) are a band's low or high edge rather than a series.</summary>
    public IReadOnlyList<bool> Bands { get; init; } = [.. Series.Select(_ => false)];

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
        var columns = new List<(string Header, bool Band, Dictionary<DateTimeOffset, double?> Values)>();
        foreach (var s in series)
        {
            columns.Add((s.Name, false, ByTime(s.Points.Select(p => (p.At, p.Value)), from, to)));
            if (s.Band is { } band)
            {
                // One series (a history chart): plain "Min"/"Max" beside its name; several: each edge named after its series.
                columns.Add((series.Count == 1 ? "Min" : $"{s.Name} min", true, ByTime(band.Select(b => (b.At, (double?)b.Low)), from, to)));
                columns.Add((series.Count == 1 ? "Max" : $"{s.Name} max", true, ByTime(band.Select(b => (b.At, (double?)b.High)), from, to)));
            }
        }

        var times = columns.Where(c => !c.Band).SelectMany(c => c.Values.Keys).Distinct().Order().ToList();
        var withSeconds = times.Any(t => t.Second != 0 || t.Millisecond != 0);
        var rows = times.Select(at => new ChartTableRow(
            at,
            TimeZoneInfo.ConvertTime(at, context.Zone).ToString(withSeconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            [.. columns.Select(c => c.Values.TryGetValue(at, out var v) && v is { } value && double.IsFinite(value)
                ? new ChartTableCell(value.ToString("R", CultureInfo.InvariantCulture), ValueFormatter.WithUnit(ValueFormatter.Format(value, format, context), unit))
                : ChartTableCell.Missing)]))
            .ToList();
        return new ChartTable([.. columns.Select(c => c.Header)], rows) { Bands = [.. columns.Select(c => c.Band)] };
    }

    private static Dictionary<DateTimeOffset, double?> ByTime(IEnumerable<(DateTimeOffset At, double? Value)> points, DateTimeOffset from, DateTimeOffset to) =>
        points.Where(p => p.At >= from && p.At <= to).GroupBy(p => p.At).ToDictionary(g => g.Key, g => g.Last().Value);
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
