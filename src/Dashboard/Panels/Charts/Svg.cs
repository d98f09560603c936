using System.Globalization;

namespace Dashboard.Panels.Charts;

/// <summary>Numbers for SVG attributes: invariant, at most one decimal (a tenth of a pixel), percentages with two.</summary>
public static class Svg
{
    public static string N(double value) => ValueOrZero(Math.Round(value, 1)).ToString("0.#", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => ValueOrZero(Math.Round(fraction * 100, 2)).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static double ValueOrZero(double value) => double.IsFinite(value) && value != 0 ? value : 0;
}
