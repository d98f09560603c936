namespace Dashboard.Panels.Charts;

/// <summary>"Nice" value axes: ticks on 1, 2, 2.5 or 5 times a power of ten, bounds on ticks, so a reader never
/// meets 0, 37.4, 74.8. A flat or empty range is widened around its value; fixed bounds are kept exactly.</summary>
public static class NiceScale
{
    private static readonly double[] Multiples = [1, 2, 2.5, 5, 10];

    /// <param name="maxTicks">The most ticks wanted (at least 2, or 3 for a range across zero); the scale may have fewer.</param>
    /// <param name="includeZero">Bars and areas grow from zero, so their axis always shows it.</param>
    public static AxisScale For(double dataMin, double dataMax, int maxTicks, bool includeZero = false, double? fixedMin = null, double? fixedMax = null)
    {
        maxTicks = Math.Max(2, maxTicks);
        if (!double.IsFinite(dataMin) || !double.IsFinite(dataMax))
        {
            (dataMin, dataMax) = (0, 1);
        }

        if (dataMin > dataMax)
        {
            (dataMin, dataMax) = (dataMax, dataMin);
        }

        if (includeZero)
        {
            dataMin = Math.Min(0, dataMin);
            dataMax = Math.Max(0, dataMax);
        }

        var low = fixedMin ?? dataMin;
        var high = fixedMax ?? dataMax;
        if (low >= high)
        {
            // A flat series (or fixed bounds the data lies beyond): a range around the value, zero-based for zero.
            var pad = low == 0 ? 1 : Math.Abs(low) * 0.1;
            (low, high) = (fixedMin, fixedMax) switch
            {
                (null, not null) => (high - pad, high),
                (not null, _) => (low, low + pad),
                _ when low == 0 => (0, 1),
                _ => (low - pad, high + pad),
            };
        }

        // Ticks on both sides of zero need at least two intervals (one would have zero at an end).
        maxTicks = Math.Max(maxTicks, low < 0 && high > 0 ? 3 : 2);
        var step = Step((high - low) / (maxTicks - 1));
        var min = fixedMin ?? Below(low, step);
        var max = fixedMax ?? Above(high, step);

        // Rounding the bounds out may need one tick more than asked; a coarser step then fits.
        while (fixedMin is null && fixedMax is null && (max - min) / step > maxTicks - 1 + 1e-9)
        {
            step = Step(step * 1.0001);
            min = Below(low, step);
            max = Above(high, step);
        }

        var ticks = Ticks(min, max, step);
        return new AxisScale(fixedMin ?? ticks[0], fixedMax ?? ticks[^1], step, ticks);
    }

    /// <summary>The smallest nice step at least <paramref name="rough"/>.</summary>
    public static double Step(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (var multiple in Multiples)
        {
            if (multiple * power >= rough * (1 - 1e-9))
            {
                return multiple * power;
            }
        }

        return 10 * power;
    }

    // Floor and ceiling to the step, forgiving the last bits of float noise (5.000000000000001 steps is 5).
    private static double Below(double value, double step) => Math.Floor(value / step + 1e-9) * step;

    private static double Above(double value, double step) => Math.Ceiling(value / step - 1e-9) * step;

    private static List<double> Ticks(double min, double max, double step)
    {
        var ticks = new List<double>();
        var first = Math.Ceiling(min / step - 1e-9);
        var digits = Math.Clamp((int)-Math.Floor(Math.Log10(step)) + 2, 0, 15);
        for (var i = first; i * step <= max + step * 1e-9 && ticks.Count < 50; i++)
        {
            // i × step, not a running sum: no drift, and 0.1 × 3 is written as 0.3.
            var tick = digits > 0 ? Math.Round(i * step, digits) : i * step;
            ticks.Add(tick == 0 ? 0 : tick);
        }

        return ticks;
    }
}
