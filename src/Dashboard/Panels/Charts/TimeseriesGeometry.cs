namespace Dashboard.Panels.Charts;

/// <summary>Everything a timeseries SVG draws, already placed: x as a fraction of the width (the width is the panel's,
/// unknown on the server; the plot is stretched to it, text is not), y in pixels.</summary>
public sealed record TimeseriesGeometry(
    ChartSize Size,
    DateTimeOffset From,
    DateTimeOffset To,
    AxisScale Y,
    IReadOnlyList<TimeTickMark> TimeTicks,
    IReadOnlyList<ValueTickMark> ValueTicks,
    IReadOnlyList<SeriesShape> Series,
    IReadOnlyList<ThresholdMark> Thresholds,
    double? ZeroY,
    string Description)
{
    /// <summary>The plot's x range in its own coordinates (stretched to the width with preserveAspectRatio="none").</summary>
    public const double PlotWidth = 1000;

    public bool IsEmpty => Series.All(s => s.Stats is null);
}

/// <param name="X">Fraction of the width, 0–1.</param>
public sealed record TimeTickMark(double X, string Label, bool Major, DateTimeOffset At);

/// <param name="Y">Pixels from the top of the plot.</param>
public sealed record ValueTickMark(double Y, string Label);

/// <param name="Line">Path of the line runs (empty when every run is a single point).</param>
/// <param name="Area">Path of the filled area under the runs, for the area style.</param>
/// <param name="Dots">Path of the single-point runs (drawn as round dots), and every point when there are few.</param>
/// <param name="Band">Path of the shaded band (<see cref="ChartSeries.Band"/>), broken where the line is; null without one.</param>
public sealed record SeriesShape(string Name, string CssClass, string Line, string? Area, string Dots, SeriesStats? Stats, string? Band = null);

/// <param name="Top">Pixels from the top of the plot to the band's top (the next threshold, or the axis top).</param>
/// <param name="Bottom">Pixels to the band's bottom: its own threshold, where the line is drawn.</param>
/// <param name="Line">False for the lowest band, whose threshold is the axis floor or below it.</param>
public sealed record ThresholdMark(double Top, double Bottom, string Level, string? Label, bool Line, double Value)
{
    public double Height => Bottom - Top;
}
