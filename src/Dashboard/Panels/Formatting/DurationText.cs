using System.Globalization;

namespace Dashboard.Panels.Formatting;

/// <summary>Lengths of time as people read them: 850 ms, 12.3 s, 3 min 20 s, 2 h 5 min, 3 d 4 h.</summary>
public static class DurationText
{
    /// <summary>Milliseconds in one <paramref name="unit"/> (ms, s, min, h or d).</summary>
    public static double Milliseconds(string unit) => unit switch
    {
        "ms" => 1,
        "min" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => 1000,
    };

    public static string Format(double value, string unit, int? decimals)
    {
        var ms = Math.Abs(value) * Milliseconds(unit);
        var sign = value < 0 ? "-" : "";
        var pattern = decimals is { } d ? "#,0." + new string('0', d) : "#,0.#";
        string Part(double amount) => amount.ToString(pattern, CultureInfo.InvariantCulture).TrimEnd('.');

        if (ms == 0)
        {
            return "0 s";
        }

        if (ms < 1)
        {
            return $"{sign}{Part(ms * 1000)} µs";
        }

        if (ms < 1000)
        {
            return $"{sign}{Part(ms)} ms";
        }

        if (ms < 60_000)
        {
            return $"{sign}{Part(ms / 1000)} s";
        }

        // Two whole units from here: "3 min 20 s" reads better than "3.33 min".
        var total = TimeSpan.FromMilliseconds(Math.Round(ms / 1000) * 1000);
        var (big, bigUnit, small, smallUnit) = total switch
        {
            { TotalHours: < 1 } => (total.Minutes, "min", total.Seconds, "s"),
            { TotalDays: < 1 } => (total.Hours, "h", total.Minutes, "min"),
            _ => ((int)total.TotalDays, "d", total.Hours, "h"),
        };
        return small == 0 ? $"{sign}{big} {bigUnit}" : $"{sign}{big} {bigUnit} {small} {smallUnit}";
    }
}
