namespace Dashboard.Sources;

/// <summary>Bounds on what any source may hand to a panel (bound from <c>Dashboard:Shaping</c>), so a hostile or
/// mistaken upstream cannot blow up a page within the response size cap (350,000 columns fit in 4 MiB).
/// Too many columns or series points fail the source with a reason; too many rows are cut with a note; long cells
/// are cut with an ellipsis.</summary>
public sealed class ShapingLimitsOptions
{
    public const string Section = "Dashboard:Shaping";

    /// <summary>Columns of a table; more fails the source ("response too wide").</summary>
    public int MaxColumns { get; set; } = 50;

    /// <summary>Rows of a table, whatever a source's own row setting says; more are dropped and the table says so.</summary>
    public int MaxRows { get; set; } = 1000;

    /// <summary>Characters of a cell, a column name, a series label or a text value; longer ones end in "…".</summary>
    public int MaxCellChars { get; set; } = 500;

    /// <summary>Points of a series; more fails the source (a chart or list has no use for them: aggregate upstream).</summary>
    public int MaxSeriesPoints { get; set; } = 10_000;

    /// <summary>Start-up validation: why these limits cannot be used, or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxColumns is < 1 or > 1000)
        {
            yield return "Dashboard:Shaping:MaxColumns must be between 1 and 1000";
        }

        if (MaxRows is < 1 or > 100_000)
        {
            yield return "Dashboard:Shaping:MaxRows must be between 1 and 100000";
        }

        if (MaxCellChars is < 10 or > 100_000)
        {
            yield return "Dashboard:Shaping:MaxCellChars must be between 10 and 100000";
        }

        if (MaxSeriesPoints is < 1 or > 1_000_000)
        {
            yield return "Dashboard:Shaping:MaxSeriesPoints must be between 1 and 1000000";
        }
    }

    /// <summary>These limits with the row cap lowered to a source's own setting (never raised above <see cref="MaxRows"/>).</summary>
    public ShapingLimitsOptions WithRowsAtMost(int rows) => new()
    {
        MaxColumns = MaxColumns,
        MaxRows = Math.Min(MaxRows, rows),
        MaxCellChars = MaxCellChars,
        MaxSeriesPoints = MaxSeriesPoints,
    };

    /// <summary>The text cut to <see cref="MaxCellChars"/>, ending in "…" when cut (never splitting a surrogate pair).</summary>
    public string? Cut(string? text)
    {
        if (text is null || text.Length <= MaxCellChars)
        {
            return text;
        }

        var keep = MaxCellChars - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "…");
    }

    /// <summary>Throws the source failure for a table wider than <see cref="MaxColumns"/>.</summary>
    public void CheckColumns(int columns, string what)
    {
        if (columns > MaxColumns)
        {
            // Counts and limits say nothing about the upstream, so viewers get the clear message too.
            var reason = $"{what} too wide: {columns} columns (limit {MaxColumns})";
            throw new SourceFailureException(reason, publicReason: reason);
        }
    }

    /// <summary>Throws the source failure for a series longer than <see cref="MaxSeriesPoints"/>.</summary>
    public void CheckSeriesPoints(int points, string what)
    {
        if (points > MaxSeriesPoints)
        {
            var reason = $"{what} too long: {points} series points (limit {MaxSeriesPoints}); aggregate upstream";
            throw new SourceFailureException(reason, publicReason: reason);
        }
    }
}
