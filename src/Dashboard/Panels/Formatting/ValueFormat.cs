using System.Globalization;

namespace Dashboard.Panels.Formatting;

public enum FormatKind
{
    /// <summary>Thousands separators, up to 2 decimals (or <see cref="ValueFormat.Decimals"/>).</summary>
    Number,

    /// <summary>A value already in 0–100, written with %.</summary>
    Percent,

    /// <summary>A ratio (0–1) written as a percentage.</summary>
    PercentUnit,

    /// <summary>An amount in the ISO 4217 currency of <see cref="ValueFormat.Argument"/>.</summary>
    Currency,

    /// <summary>A byte count in binary units (KiB, MiB…).</summary>
    Bytes,

    /// <summary>A length of time in the unit of <see cref="ValueFormat.Argument"/>, written as "2 h 5 min".</summary>
    Duration,

    /// <summary>A point in time in the configured zone; <see cref="ValueFormat.Argument"/> is an optional .NET pattern.</summary>
    DateTime,

    /// <summary>A point in time as "5 min ago" / "in 3 min".</summary>
    Relative,

    /// <summary>A .NET numeric format (<see cref="ValueFormat.Argument"/>), e.g. N0 or 0.0.</summary>
    Custom,
}

/// <summary>A panel's or a column's <c>Format</c>, parsed: a named format, optionally with an argument after a colon
/// (<c>currency:EUR</c>, <c>duration:ms</c>, <c>datetime:HH:mm</c>), or any .NET numeric format string.</summary>
public sealed record ValueFormat(FormatKind Kind, string? Argument = null, int? Decimals = null)
{
    public static readonly ValueFormat Default = new(FormatKind.Number);

    public static readonly IReadOnlyList<string> DurationUnits = ["ms", "s", "min", "h", "d"];

    /// <summary>The names README documents, for messages.</summary>
    public const string Names = "number, percent, percentunit, currency:CODE, bytes, duration[:ms|s|min|h|d], datetime[:pattern], relative, or a .NET numeric format such as N0";

    public bool IsTime => Kind is FormatKind.DateTime or FormatKind.Relative;

    /// <summary>The format for <paramref name="text"/> (null or empty: <see cref="Default"/>), or null with the reason.</summary>
    public static ValueFormat? Parse(string? text, int? decimals, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default with { Decimals = decimals };
        }

        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        var argument = colon < 0 ? null : trimmed[(colon + 1)..].Trim();
        switch (name)
        {
            case "number" when argument is null:
                return new ValueFormat(FormatKind.Number, null, decimals);
            case "percent" when argument is null:
                return new ValueFormat(FormatKind.Percent, null, decimals);
            case "percentunit" when argument is null:
                return new ValueFormat(FormatKind.PercentUnit, null, decimals);
            case "bytes" when argument is null:
                return new ValueFormat(FormatKind.Bytes, null, decimals);
            case "relative" when argument is null:
                return new ValueFormat(FormatKind.Relative);
            case "currency":
                if (argument is not { Length: 3 } || !argument.All(char.IsAsciiLetter))
                {
                    error = $"'{trimmed}': a currency needs its three-letter ISO code, e.g. currency:EUR";
                    return null;
                }

                return new ValueFormat(FormatKind.Currency, argument.ToUpperInvariant(), decimals);
            case "duration":
                var unit = (argument ?? "s").ToLowerInvariant();
                if (!DurationUnits.Contains(unit))
                {
                    error = $"'{trimmed}': a duration's unit must be one of {string.Join(", ", DurationUnits)}, e.g. duration:ms";
                    return null;
                }

                return new ValueFormat(FormatKind.Duration, unit, decimals);
            case "datetime":
                if (argument is { Length: > 0 } && !IsDatePattern(argument))
                {
                    error = $"'{trimmed}': '{argument}' is not a .NET date and time pattern";
                    return null;
                }

                return new ValueFormat(FormatKind.DateTime, string.IsNullOrEmpty(argument) ? null : argument);
        }

        if (IsNumericFormat(trimmed))
        {
            return new ValueFormat(FormatKind.Custom, trimmed, decimals);
        }

        error = $"'{trimmed}' is not a format; use {Names}";
        return null;
    }

    /// <summary>For formats already checked by the configuration validator: a bad one falls back to the default.</summary>
    public static ValueFormat For(string? text, int? decimals) => Parse(text, decimals, out _) ?? Default with { Decimals = decimals };

    private static bool IsNumericFormat(string format)
    {
        try
        {
            var written = 1234.5.ToString(format, CultureInfo.InvariantCulture);
            // A string with no digit placeholder at all (e.g. a misspelt name) writes no digit: refused.
            return written.Any(char.IsAsciiDigit);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsDatePattern(string pattern)
    {
        try
        {
            _ = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).ToString(pattern, CultureInfo.InvariantCulture);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
