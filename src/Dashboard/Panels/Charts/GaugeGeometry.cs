namespace Dashboard.Panels.Charts;

/// <summary>A gauge, placed in its 200 × 170 view box: the track, the value arc (coloured by its level), the threshold
/// bands on an outer ring, and the texts.</summary>
/// <param name="Value">Null when the source's value is not a number.</param>
/// <param name="OutOfRange">"below" or "above" when the value lies outside Min–Max (the arc stops at the end).</param>
public sealed record GaugeGeometry(
    double Min,
    double Max,
    double? Value,
    string ValueText,
    string SizeClass,
    string? Level,
    string? LevelText,
    string Track,
    string? ValueArc,
    IReadOnlyList<GaugeBand> Bands,
    string MinText,
    string MaxText,
    string? OutOfRange,
    string Description);

public sealed record GaugeBand(string Path, string Level);
