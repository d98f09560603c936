namespace Dashboard.Panels.Charts;

/// <summary>A bar chart, placed. Along the value axis positions are fractions (0–1) of the plot: of the width for
/// horizontal bars, of the plot height (from the bottom) for vertical ones.</summary>
public sealed record BarGeometry(
    bool Horizontal,
    int Height,
    double PlotTop,
    double PlotHeight,
    AxisScale Scale,
    IReadOnlyList<BarMark> Bars,
    IReadOnlyList<AxisTickMark> Ticks,
    IReadOnlyList<ThresholdMark> Thresholds,
    double Zero,
    int Missing,
    string Description)
{
    /// <summary>Horizontal bars: a label line, then the bar.</summary>
    public const double RowHeight = 32;

    public const double BarThickness = 10;
}

/// <param name="Start">Value-axis fraction where the bar starts (the zero line, or the value when negative).</param>
/// <param name="End">Value-axis fraction where it ends.</param>
/// <param name="Major">Vertical bars: minor bars' labels are hidden on narrow charts.</param>
public sealed record BarMark(string Label, string ShortLabel, double Value, string ValueText, string CssClass, double Start, double End, bool Major, bool IsOther);

/// <param name="Position">Fraction along the value axis.</param>
public sealed record AxisTickMark(double Position, string Label, bool Major);
