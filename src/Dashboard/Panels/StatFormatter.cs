using System.Globalization;
using Dashboard.Sources;
using Dashboard.Storage;

namespace Dashboard.Panels;

/// <summary>Formats a stat: the value, its threshold level (with text, never colour alone) and the change
/// against the previous value in the history.</summary>
public static class StatFormatter
{
    public static StatDisplay Describe(PanelOptions panel, SourceValue value, IReadOnlyList<HistoryPoint> history)
    {
        if (value.Number is not { } number)
        {
            return new StatDisplay(value.Text ?? "–", null, null, null);
        }

        var text = Format(number, panel.Format);
        var threshold = panel.Thresholds.Where(t => number >= t.Value).OrderBy(t => t.Value).LastOrDefault();
        var level = threshold?.Level.ToLowerInvariant();
        var levelLabel = threshold is null ? null : threshold.Label ?? LevelName(level!);
        return new StatDisplay(text, level, levelLabel, Delta(number, panel.Format, history));
    }

    public static string Format(double number, string? format) =>
        number.ToString(string.IsNullOrEmpty(format) ? "#,0.##" : format, CultureInfo.InvariantCulture);

    private static StatDelta? Delta(double current, string? format, IReadOnlyList<HistoryPoint> history)
    {
        // The newest history point is normally the current value itself; compare with the one before.
        if (history.Count < 2)
        {
            return null;
        }

        var previous = history[^1].Value.Equals(current) ? history[^2].Value : history[^1].Value;
        var change = current - previous;
        var direction = change switch { > 0 => "up", < 0 => "down", _ => "unchanged" };
        var arrow = change switch { > 0 => "▲", < 0 => "▼", _ => "■" };
        var sign = change > 0 ? "+" : "";
        var percent = previous != 0 ? $" ({(change / Math.Abs(previous)).ToString("+0.#%;-0.#%;0%", CultureInfo.InvariantCulture)})" : "";
        return new StatDelta(direction, arrow, sign + Format(change, format) + percent);
    }

    private static string LevelName(string level) => level switch
    {
        "critical" => "Critical",
        "warn" => "Warning",
        _ => "OK",
    };
}

public sealed record StatDisplay(string Text, string? Level, string? LevelLabel, StatDelta? Delta);

public sealed record StatDelta(string Direction, string Arrow, string Text);
