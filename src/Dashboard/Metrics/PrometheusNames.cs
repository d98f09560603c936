using System.Globalization;
using System.Text;

namespace Dashboard.Metrics;

/// <summary>Prometheus text exposition (format 0.0.4) naming and escaping rules.</summary>
public static class PrometheusNames
{
    /// <summary>The family name for an instrument: invalid characters become '_', a known unit is
    /// appended (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>; annotations like <c>{fetch}</c>
    /// are dropped) and counters end in <c>_total</c>.</summary>
    public static string Family(string instrumentName, string? unit, bool counter)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        if (UnitSuffix(unit) is { } suffix && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    public static string LabelName(string key)
    {
        var name = Sanitize(key, allowColon: false);

        // Names starting with "__" are reserved for Prometheus itself.
        return name.StartsWith("__", StringComparison.Ordinal) ? "x" + name : name;
    }

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    public static void AppendLabelValue(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append("\\n"),
                _ => text.Append(c),
            };
        }
    }

    /// <summary>HELP text escapes backslash and line feed.</summary>
    public static void AppendHelp(StringBuilder text, string help)
    {
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                _ => text.Append(c),
            };
        }
    }

    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string? UnitSuffix(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit) || unit.StartsWith('{'))
        {
            return null;
        }

        if (unit.Split('/') is [var per, var over])
        {
            return UnitWord(per) is { } a && PerUnitWord(over) is { } b ? $"{a}_per_{b}" : null;
        }

        return UnitWord(unit);
    }

    private static string? UnitWord(string unit) => unit switch
    {
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "min" => "minutes",
        "h" => "hours",
        "d" => "days",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "%" => "percent",
        "1" => "ratio",
        _ when unit.StartsWith('{') => null,
        _ => Sanitize(unit, allowColon: false),
    };

    // "By/s" reads "bytes per second": the denominator is singular.
    private static string? PerUnitWord(string unit) => unit switch
    {
        "s" => "second",
        "ms" => "millisecond",
        "min" => "minute",
        "h" => "hour",
        "d" => "day",
        _ => UnitWord(unit),
    };

    private static string Sanitize(string raw, bool allowColon)
    {
        var text = new StringBuilder(raw.Length + 1);
        foreach (var c in raw)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            text.Append(valid ? c : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}
