using System.Text;
using Dashboard.Panels.Formatting;

namespace Dashboard.Panels.Charts;

/// <summary>A stat value against its thresholds as a 240° arc. The range is the panel's Min–Max, by default from 0 (or
/// the value, when negative) to a round number above both the value and the highest threshold.</summary>
public static class GaugeLayout
{
    public const double CenterX = 100;
    public const double CenterY = 96;
    public const double Radius = 72;
    public const double BandRadius = 88;
    private const double StartAngle = 150;
    private const double Sweep = 240;

    public static GaugeGeometry Compute(double? value, string? text, PanelOptions panel, FormatContext context)
    {
        var format = ValueFormat.For(panel.Format, panel.Decimals);
        var number = value is { } v && double.IsFinite(v) ? v : (double?)null;
        var (min, max) = Range(number, panel);
        string Write(double x) => ValueFormatter.WithUnit(ValueFormatter.Format(x, format, context), panel.Unit);

        var bands = ThresholdBands.Within(panel.Thresholds, min, max)
            .Select(b => new GaugeBand(Arc(Fraction(b.From, min, max), Fraction(b.To, min, max), BandRadius), b.Level))
            .Where(b => b.Path.Length > 0)
            .ToList();
        var valueText = number is { } n ? ValueFormatter.Format(n, format, context) : text ?? "–";
        var level = number is { } m ? ThresholdBands.LevelOf(panel.Thresholds, m) : null;
        var levelText = level is null ? null : panel.Thresholds.Where(t => number >= t.Value).OrderBy(t => t.Value).Last().Label ?? LevelNames.Of(level);
        var outOfRange = number < min ? "below" : number > max ? "above" : null;
        var arc = number is { } a ? Arc(0, Math.Clamp(Fraction(a, min, max), 0, 1), Radius) : null;
        var description = number is { } d
            ? $"{Write(d)} on a scale from {Write(min)} to {Write(max)}{(levelText is null ? "" : $", {levelText}")}{(outOfRange is null ? "" : $" ({outOfRange} the scale)")}."
            : $"No number: {valueText}.";
        var sizeClass = (valueText.Length + (panel.Unit?.Length ?? 0)) switch { <= 6 => "large", <= 10 => "medium", _ => "small" };
        return new GaugeGeometry(min, max, number, valueText, sizeClass, level, levelText, Arc(0, 1, Radius), string.IsNullOrEmpty(arc) ? null : arc,
            bands, Write(min), Write(max), outOfRange, description);
    }

    private static (double Min, double Max) Range(double? value, PanelOptions panel)
    {
        var min = panel.Min ?? Math.Min(0, value ?? 0);
        if (panel.Max is { } fixedMax && fixedMax > min)
        {
            return (min, fixedMax);
        }

        var highest = panel.Thresholds.Select(t => t.Value).Where(double.IsFinite).Append(value ?? 0).Append(min).Max();
        var scale = NiceScale.For(min, highest, 5, fixedMin: min);
        return (min, scale.Max > min ? scale.Max : min + 1);
    }

    private static double Fraction(double value, double min, double max) => (value - min) / (max - min);

    /// <summary>The arc from fraction <paramref name="from"/> to <paramref name="to"/> of the sweep; empty when it has no length.</summary>
    public static string Arc(double from, double to, double radius)
    {
        from = Math.Clamp(from, 0, 1);
        to = Math.Clamp(to, 0, 1);
        if (to - from < 1e-4)
        {
            return "";
        }

        var (x1, y1) = Point(from, radius);
        var (x2, y2) = Point(to, radius);
        var large = (to - from) * Sweep > 180 ? 1 : 0;
        return new StringBuilder()
            .Append('M').Append(Svg.N(x1)).Append(' ').Append(Svg.N(y1))
            .Append('A').Append(Svg.N(radius)).Append(' ').Append(Svg.N(radius)).Append(" 0 ").Append(large).Append(" 1 ")
            .Append(Svg.N(x2)).Append(' ').Append(Svg.N(y2))
            .ToString();
    }

    public static (double X, double Y) Point(double fraction, double radius)
    {
        var angle = (StartAngle + Sweep * fraction) * Math.PI / 180;
        return (CenterX + radius * Math.Cos(angle), CenterY + radius * Math.Sin(angle));
    }
}
