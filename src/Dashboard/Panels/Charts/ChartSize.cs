namespace Dashboard.Panels.Charts;

/// <summary>A chart's drawing size from its panel: pixel heights (the width is the panel's, whatever it is) and how many
/// ticks fit. Heights follow <see cref="PanelOptions.Height"/>; the full-width view draws larger.</summary>
public sealed record ChartSize(int Height, int MaxTimeTicks, int MaxValueTicks)
{
    /// <summary>Room above the plot for the top value label.</summary>
    public const double Top = 16;

    /// <summary>Room under the plot for the time labels.</summary>
    public const double Bottom = 22;

    public double PlotHeight => Height - Top - Bottom;

    public static ChartSize For(PanelOptions panel, bool expanded)
    {
        var height = expanded ? 420 : panel.Height switch { <= 1 => 130, 2 => 230, _ => 330 };
        var timeTicks = expanded ? 12 : panel.Width switch { <= 1 => 4, 2 => 7, 3 => 9, _ => 12 };
        // About one value label per 40 px.
        return new ChartSize(height, timeTicks, Math.Max(2, (int)((height - Top - Bottom) / 40) + 1));
    }
}
