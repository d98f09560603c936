using System.Globalization;
using Dashboard.Panels.Formatting;

namespace Dashboard.Panels.Charts;

/// <summary>Value-axis tick labels with the unit: as many decimals as the step needs, large numbers shortened
/// (12K, 1.5M, 1T), tiny ones in scientific notation, and never two equal labels.</summary>
public static class AxisLabels
{
    private static readonly (double Scale, string Suffix)[] Short = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];

    public static IReadOnlyList<string> For(AxisScale scale, ValueFormat format, string? unit, FormatContext context)
    {
        var labels = scale.Ticks.Select(t => Tick(t, scale, format, context)).ToList();
        if (labels.Distinct(StringComparer.Ordinal).Count() < labels.Count)
        {
            // The panel's own format is too coarse for this step (e.g. N0 for 0.5 steps): plain numbers instead.
            labels = [.. scale.Ticks.Select(t => Plain(t, scale))];
        }

        return [.. labels.Select(l => ValueFormatter.WithUnit(l, unit))];
    }

    private static string Tick(double value, AxisScale scale, ValueFormat format, FormatContext context) => format.Kind switch
    {
        FormatKind.Percent => Plain(value, scale) + "%",
        FormatKind.PercentUnit => Plain(value * 100, scale with { Step = scale.Step * 100, Min = scale.Min * 100, Max = scale.Max * 100 }) + "%",
        FormatKind.Currency => ValueFormatter.Format(value, format with { Decimals = Decimals(scale.Step) }, context) is var money
            && Math.Max(Math.Abs(scale.Min), Math.Abs(scale.Max)) < 1e4 ? money : CurrencyShort(value, scale, format.Argument!),
        FormatKind.Bytes or FormatKind.Duration or FormatKind.Custom => ValueFormatter.Format(value, format, context),
        _ => Plain(value, scale),
    };

    /// <summary>The tick in the step's precision, shortened with K/M/B/T when the axis reaches 10,000.</summary>
    public static string Plain(double value, AxisScale scale)
    {
        var largest = Math.Max(Math.Abs(scale.Min), Math.Abs(scale.Max));
        if (value == 0)
        {
            return "0";
        }

        if (largest < 1e-3)
        {
            return value.ToString("0.##E+0", CultureInfo.InvariantCulture);
        }

        foreach (var (factor, suffix) in Short)
        {
            if (largest >= factor * 10 || (factor >= 1e6 && largest >= factor))
            {
                return ValueFormatter.Number(value / factor, Decimals(scale.Step / factor)) + suffix;
            }
        }

        return ValueFormatter.Number(value, Decimals(scale.Step));
    }

    /// <summary>Decimals that tell ticks <paramref name="step"/> apart (0 for whole steps, 2 for 0.25).</summary>
    public static int Decimals(double step)
    {
        if (!(step > 0) || step >= 1)
        {
            return 0;
        }

        for (var d = 1; d < 15; d++)
        {
            var scaled = step * Math.Pow(10, d);
            if (Math.Abs(scaled - Math.Round(scaled)) < 1e-6 * scaled)
            {
                return d;
            }
        }

        return 15;
    }

    private static string CurrencyShort(double value, AxisScale scale, string code)
    {
        var number = Plain(Math.Abs(value), scale);
        var sign = value < 0 ? "-" : "";
        return CurrencySymbols.Prefix(code) is { } symbol ? $"{sign}{symbol}{number}" : $"{sign}{number} {code}";
    }
}
