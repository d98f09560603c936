using System.Globalization;
using Dashboard.Sources;

namespace Dashboard.Panels;

/// <summary>A list panel's lines: a table's first column (second as detail), or a series' points.</summary>
public sealed record ListItems(string Label, string? Detail)
{
    public static IReadOnlyList<ListItems> From(SourceValue value, int max) => value.Shape switch
    {
        ValueShape.Table when value.Table is { } table => table.Rows
            .Take(max)
            .Select(r => new ListItems(r.Count > 0 ? r[0] ?? "" : "", r.Count > 1 ? r[1] : null))
            .ToArray(),
        ValueShape.Series when value.Points is { } points => points
            .Take(max)
            .Select((p, i) => new ListItems(p.X ?? $"#{i + 1}", p.Y.ToString("#,0.##", CultureInfo.InvariantCulture)))
            .ToArray(),
        _ => value.ScalarText is { } text ? [new ListItems(text, null)] : [],
    };
}
