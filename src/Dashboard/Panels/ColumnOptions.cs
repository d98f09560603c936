namespace Dashboard.Panels;

/// <summary>One table column's display (<c>Panels:{j}:Columns:{k}</c>), matched to the source's column by
/// <see cref="Name"/>.</summary>
public sealed class ColumnOptions
{
    /// <summary>The source's column name (as the source returns it, case-insensitive).</summary>
    public string Name { get; set; } = "";

    /// <summary>Header text; the source's name when not set.</summary>
    public string? Title { get; set; }

    /// <inheritdoc cref="PanelOptions.Format"/>
    public string? Format { get; set; }

    /// <inheritdoc cref="PanelOptions.Decimals"/>
    public int? Decimals { get; set; }

    /// <summary>Shown after each value of the column.</summary>
    public string? Unit { get; set; }

    /// <summary>Colour the column's cells by level (with the level in text for screen readers).</summary>
    public List<ThresholdOptions> Thresholds { get; set; } = [];

    public bool Hidden { get; set; }
}
