namespace Dashboard.Panels.Charts;

/// <summary>A value axis: its bounds, the distance between ticks and the ticks themselves (bounds included).</summary>
public sealed record AxisScale(double Min, double Max, double Step, IReadOnlyList<double> Ticks)
{
    /// <summary>Where <paramref name="value"/> sits between Min (0) and Max (1); outside that for values beyond.</summary>
    public double Fraction(double value) => Max > Min ? (value - Min) / (Max - Min) : 0.5;
}
