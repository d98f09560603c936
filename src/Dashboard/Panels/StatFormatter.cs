using System.Globalization;
using Dashboard.Panels.Formatting;
using Dashboard.Sources;
using Dashboard.Storage;

namespace Dashboard.Panels;

/// <summary>Formats a stat: the value, its threshold level (with text, never colour alone) and the change
/// against the previous value in the history.</summary>
public static class StatFormatter
{
    public static StatDisplay Describe(PanelOptions panel, SourceValue value, IReadOnlyList<HistoryPoint> history, FormatContext context)
    {
        if (value.Number is not { } number)
        {
            return new StatDisplay(value.Text ?? "–", null, null, null);
        }

        var format = ValueFormat.For(panel.Format, panel.Decimals);
        var text = ValueFormatter.Format(number, format, context);
        var threshold = panel.Thresholds.Where(t => number >= t.Value).OrderBy(t => t.Value).LastOrDefault();
        var level = threshold?.Level.ToLowerInvariant();
        var levelLabel = threshold is null ? null : threshold.Label ?? LevelNames.Of(level);
        // A change between two times is not itself a time: written as a plain number then.
        var deltaFormat = format.IsTime ? ValueFormat.Default : format;
        return new StatDisplay(text, level, levelLabel, Delta(number, v => ValueFormatter.Format(v, deltaFormat, context), history));
    }

    private static StatDelta? Delta(double current, Func<double, string> format, IReadOnlyList<HistoryPoint> history)
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
        return new StatDelta(direction, arrow, sign + format(change) + percent);
    }
}

public sealed record StatDisplay(string Text, string? Level, string? LevelLabel, StatDelta? Delta);

public sealed record StatDelta(string Direction, string Arrow, string Text);
