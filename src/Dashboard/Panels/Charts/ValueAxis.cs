using Dashboard.Panels.Formatting;

namespace Dashboard.Panels.Charts;

/// <summary>A value axis in the format's own steps: bytes tick on whole KiB/MiB…, durations on whole seconds, minutes,
/// hours or days (in a nice multiple of them), everything else on decimal steps.</summary>
public static class ValueAxis
{
    public static AxisScale For(double min, double max, int maxTicks, ValueFormat format, bool includeZero = false, double? fixedMin = null, double? fixedMax = null)
    {
        var unit = Unit(Math.Max(Math.Abs(min), Math.Abs(max)), format);
        if (unit == 1 || !double.IsFinite(unit) || unit <= 0)
        {
            return NiceScale.For(min, max, maxTicks, includeZero, fixedMin, fixedMax);
        }

        var scaled = NiceScale.For(min / unit, max / unit, maxTicks, includeZero, fixedMin / unit, fixedMax / unit);
        return new AxisScale(fixedMin ?? scaled.Min * unit, fixedMax ?? scaled.Max * unit, scaled.Step * unit, [.. scaled.Ticks.Select(t => t * unit)]);
    }

    private static double Unit(double largest, ValueFormat format)
    {
        if (!double.IsFinite(largest) || largest == 0)
        {
            return 1;
        }

        switch (format.Kind)
        {
            case FormatKind.Bytes:
                return Math.Pow(1024, Math.Max(0, Math.Floor(Math.Log(largest) / Math.Log(1024))));
            case FormatKind.Duration:
                var perUnit = DurationText.Milliseconds(format.Argument ?? "s");
                var ms = largest * perUnit;
                var step = ms switch { < 1000 => 1, < 60_000 => 1000, < 3_600_000 => 60_000, < 86_400_000 => 3_600_000, _ => 86_400_000 };
                return step / perUnit;
            default:
                return 1;
        }
    }
}
