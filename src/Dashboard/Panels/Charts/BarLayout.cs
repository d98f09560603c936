using Dashboard.Panels.Formatting;

namespace Dashboard.Panels.Charts;

/// <summary>Sorts categories, keeps the top N and sums the rest into "Other", and places the bars from a zero line (so
/// negative values go the other way) on a "nice" value axis. Bars are coloured by threshold level when the panel has
/// thresholds; labels too long for the chart are shortened (the full text stays in the bar's tooltip and the table).</summary>
public static class BarLayout
{
    public const int DefaultTopN = 10;

    public static BarGeometry Compute(IReadOnlyList<Category> categories, PanelOptions panel, bool expanded, FormatContext context)
    {
        var format = ValueFormat.For(panel.Format, panel.Decimals);
        var horizontal = !string.Equals(panel.Orientation, "vertical", StringComparison.OrdinalIgnoreCase);
        var valued = categories.Where(c => c.Value is { } v && double.IsFinite(v)).Select(c => (c.Label, Value: c.Value!.Value)).ToList();
        var sorted = (panel.Sort ?? "desc").ToLowerInvariant() switch
        {
            "asc" => valued.OrderBy(c => c.Value).ToList(),
            "none" => valued,
            _ => valued.OrderByDescending(c => c.Value).ToList(),
        };
        var topN = panel.TopN ?? DefaultTopN;
        var kept = sorted.Take(topN).Select(c => (c.Label, c.Value, Other: false)).ToList();
        if (sorted.Count > topN)
        {
            var rest = sorted.Skip(topN).ToList();
            kept.Add(($"Other ({rest.Count})", rest.Sum(c => c.Value), true));
        }

        var thresholdValues = (panel.ThresholdStyle ?? "lines").Equals("off", StringComparison.OrdinalIgnoreCase)
            ? [] : ThresholdBands.ValuesToShow(panel.Thresholds).ToList();
        var all = kept.Select(k => k.Value).Concat(thresholdValues).ToList();
        var height = horizontal
            ? (int)(Math.Max(1, kept.Count) * BarGeometry.RowHeight + ChartSize.Bottom)
            : ChartSize.For(panel, expanded).Height;
        var plotTop = horizontal ? 0 : ChartSize.Top;
        var plotHeight = horizontal ? Math.Max(1, kept.Count) * BarGeometry.RowHeight : height - ChartSize.Top - ChartSize.Bottom;
        var maxTicks = horizontal ? (expanded ? 8 : panel.Width switch { <= 1 => 3, 2 => 5, _ => 7 }) : Math.Max(2, (int)(plotHeight / 40) + 1);
        var scale = ValueAxis.For(all.Count == 0 ? 0 : all.Min(), all.Count == 0 ? 1 : all.Max(), maxTicks, format, includeZero: true, panel.Min, panel.Max);

        var zero = Math.Clamp(scale.Fraction(0), 0, 1);
        // Horizontal labels share their line with the value: short enough for both on a 390 px phone.
        var labelChars = horizontal ? HorizontalLabelChars : VerticalLabelChars(kept.Count);
        var bars = kept.Select((k, i) =>
        {
            var end = Math.Clamp(scale.Fraction(k.Value), 0, 1);
            var level = ThresholdBands.LevelOf(panel.Thresholds, k.Value);
            var css = k.Other ? "bar other" : level is null ? "bar series-0" : $"bar level-{level}";
            var text = ValueFormatter.WithUnit(ValueFormatter.Format(k.Value, format, context), panel.Unit);
            return new BarMark(k.Label, Shorten(k.Label, labelChars), k.Value, text, css, Math.Min(zero, end), Math.Max(zero, end), Major: kept.Count <= AllLabelsUpTo || i % 2 == 0, k.Other);
        }).ToList();

        var labels = AxisLabels.For(scale, format, panel.Unit, context);
        var ticks = scale.Ticks.Select((t, i) => new AxisTickMark(scale.Fraction(t), labels[i], i % 2 == 0 || scale.Ticks.Count <= 4)).ToList();
        var thresholds = thresholdValues.Count == 0
            ? []
            : ThresholdBands.Within(panel.Thresholds, scale.Min, scale.Max)
                .Select(b => new ThresholdMark(scale.Fraction(b.To), scale.Fraction(b.From), b.Level, b.Label, !b.IsBase, b.From))
                .ToList();
        var description = Describe(bars, categories.Count - valued.Count);
        return new BarGeometry(horizontal, height, plotTop, plotHeight, scale, bars, ticks, thresholds, zero, categories.Count - valued.Count, description);
    }

    /// <summary>Vertical bars label every bar up to this many; beyond, every other label shows on charts narrower than
    /// the stylesheet's "many bars" width (640 px).</summary>
    public const int AllLabelsUpTo = 6;

    public const int HorizontalLabelChars = 26;

    // The narrowest plot expected (one grid column, or a 390 px phone, less the value axis), and the width of a label
    // character at 11 px (a little wide, so the labels keep a gap).
    private const double NarrowWidth = 250;
    private const double CharWidth = 7;

    /// <summary>Characters a vertical bar's label may have so labels never overlap at <see cref="NarrowWidth"/>.</summary>
    public static int VerticalLabelChars(int bars)
    {
        var room = bars <= AllLabelsUpTo ? NarrowWidth / Math.Max(1, bars) : 2 * NarrowWidth / bars;
        return Math.Clamp((int)((room - 8) / CharWidth), 3, 14);
    }

    public static string Shorten(string label, int chars) => label.Length <= chars ? label : label[..Math.Max(1, chars - 1)].TrimEnd() + "…";

    private static string Describe(IReadOnlyList<BarMark> bars, int missing)
    {
        if (bars.Count == 0)
        {
            return missing > 0 ? $"No values ({missing} without a number)." : "No data.";
        }

        var listed = string.Join("; ", bars.Take(6).Select(b => $"{b.Label}: {b.ValueText}"));
        var more = bars.Count > 6 ? $"; and {bars.Count - 6} more" : "";
        return $"{bars.Count} {(bars.Count == 1 ? "bar" : "bars")}. {listed}{more}.";
    }
}
