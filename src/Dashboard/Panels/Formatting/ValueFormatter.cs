using System.Globalization;

namespace Dashboard.Panels.Formatting;

/// <summary>Writes values in a <see cref="ValueFormat"/>, always in the invariant culture (the page is English and the
/// same for every viewer, so it can be cached): numbers, percentages, money, bytes, durations and times.</summary>
public static class ValueFormatter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A number in the format, with the format's own unit (%, €, MiB…) but not the panel's <c>Unit</c>.</summary>
    public static string Format(double value, ValueFormat format, FormatContext context)
    {
        if (double.IsNaN(value))
        {
            return "–";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "-∞";
        }

        return format.Kind switch
        {
            FormatKind.Percent => Number(value, format.Decimals) + "%",
            FormatKind.PercentUnit => Number(value * 100, format.Decimals) + "%",
            FormatKind.Currency => Currency(value, format.Argument!, format.Decimals),
            FormatKind.Bytes => ByteSize.Format(value, format.Decimals),
            FormatKind.Duration => DurationText.Format(value, format.Argument ?? "s", format.Decimals),
            FormatKind.DateTime or FormatKind.Relative => TimeText.TryFromUnix(value, out var at) ? Time(at, format, context) : Number(value, format.Decimals),
            FormatKind.Custom => value.ToString(format.Argument, Invariant),
            _ => Number(value, format.Decimals),
        };
    }

    /// <summary>A table cell: numbers and times in the format; text that is neither is shown as it came.</summary>
    public static string Cell(string? text, ValueFormat format, FormatContext context)
    {
        if (text is null)
        {
            return "";
        }

        if (format.IsTime)
        {
            return TimeText.TryParse(text, out var at) ? Time(at, format, context) : text;
        }

        return format == ValueFormat.Default || !TryNumber(text, out var number) ? text : Format(number, format, context);
    }

    /// <summary>The value followed by the panel's or column's unit: "12 ms", but "12%" and "12°".</summary>
    public static string WithUnit(string text, string? unit) =>
        string.IsNullOrEmpty(unit) ? text : unit is "%" or "°" or "‰" ? text + unit : $"{text} {unit}";

    public static bool TryNumber(string? text, out double number) =>
        double.TryParse(text, NumberStyles.Float, Invariant, out number);

    public static string Time(DateTimeOffset at, ValueFormat format, FormatContext context)
    {
        if (format.Kind == FormatKind.Relative)
        {
            var age = context.Now - at;
            return age >= TimeSpan.Zero ? RelativeTime.Describe(age) : "in " + RelativeTime.Describe(-age).Replace(" ago", "", StringComparison.Ordinal);
        }

        return TimeZoneInfo.ConvertTime(at, context.Zone).ToString(format.Argument ?? "yyyy-MM-dd HH:mm:ss", Invariant);
    }

    /// <summary>Thousands separators; <paramref name="decimals"/> fixed, or up to 2 when null.</summary>
    public static string Number(double value, int? decimals) =>
        WithoutNegativeZero(value.ToString(decimals is { } d ? "#,0." + new string('0', d) : "#,0.##", Invariant).TrimEnd('.'));

    /// <summary>"-0" (a small negative rounded away) reads as a sign error: written as "0".</summary>
    public static string WithoutNegativeZero(string text) =>
        text.StartsWith('-') && !text.Any(c => c is >= '1' and <= '9') ? text[1..] : text;

    private static string Currency(double value, string code, int? decimals)
    {
        var places = decimals ?? (code is "JPY" or "KRW" ? 0 : 2);
        var amount = Math.Abs(value).ToString("#,0." + new string('0', places), Invariant).TrimEnd('.');
        var sign = value < 0 && amount.Any(c => c is >= '1' and <= '9') ? "-" : "";
        return CurrencySymbols.Prefix(code) is { } symbol ? $"{sign}{symbol}{amount}" : $"{sign}{amount} {code}";
    }
}
