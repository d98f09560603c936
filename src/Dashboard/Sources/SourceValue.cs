using System.Text.Json.Serialization;

namespace Dashboard.Sources;

/// <summary>What a source yields once shaped: a scalar (number or text), a series, or a table.</summary>
public sealed record SourceValue
{
    public required ValueShape Shape { get; init; }
    public double? Number { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<SeriesPoint>? Points { get; init; }
    public TableData? Table { get; init; }

    public static SourceValue OfNumber(double number) => new() { Shape = ValueShape.Scalar, Number = number };
    public static SourceValue OfText(string text) => new() { Shape = ValueShape.Scalar, Text = text };
    public static SourceValue OfSeries(IReadOnlyList<SeriesPoint> points) => new() { Shape = ValueShape.Series, Points = points };
    public static SourceValue OfTable(TableData table) => new() { Shape = ValueShape.Table, Table = table };

    /// <summary>The scalar as display text (numbers in invariant culture), or null for non-scalars.</summary>
    [JsonIgnore]
    public string? ScalarText => Number is { } n ? n.ToString("G", System.Globalization.CultureInfo.InvariantCulture) : Text;
}

public enum ValueShape
{
    Scalar,
    Series,
    Table,
}

/// <summary>One point of a series; X is an optional label (a time or a category).</summary>
public sealed record SeriesPoint(string? X, double Y);

/// <summary>Rows of cells already rendered to text; Truncated says rows were cut at the cap, and TotalRows how many
/// there were when the source knows (a SQL reader stops reading at the cap, so it does not).</summary>
public sealed record TableData(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, bool Truncated, int? TotalRows = null);
