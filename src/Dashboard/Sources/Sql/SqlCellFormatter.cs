using System.Collections;
using System.Globalization;

namespace Dashboard.Sources.Sql;

/// <summary>Renders database values to text the same way whatever the server's or the host's culture:
/// invariant numbers, ISO 8601 dates, <c>{a,b}</c> arrays.</summary>
internal static class SqlCellFormatter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The value as text, cut to <see cref="ShapingLimitsOptions.MaxCellChars"/>: a table on a page has no
    /// use for a megabyte of JSON.</summary>
    public static string? Format(object? value, ShapingLimitsOptions limits) => limits.Cut(Render(value));

    public static bool IsNumber(object? value) => value is byte or sbyte or short or ushort or int or uint or long or ulong
        or float or double or decimal;

    /// <summary>A number from a numeric value, or from text that is an invariant number (SQLite columns are loosely typed).</summary>
    public static bool TryGetNumber(object? value, out double number)
    {
        if (IsNumber(value))
        {
            number = Convert.ToDouble(value, Invariant);
            return true;
        }

        number = 0;
        return value is string text && double.TryParse(text, NumberStyles.Float, Invariant, out number);
    }

    private static string? Render(object? value) => value switch
    {
        null or DBNull => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        // "K" gives Z for UTC (Npgsql's timestamptz), nothing for unspecified kinds; trailing zero fractions are dropped.
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", Invariant),
        DateTimeOffset time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", Invariant),
        DateOnly date => date.ToString("yyyy-MM-dd", Invariant),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", Invariant),
        TimeSpan span => span.ToString("c", Invariant),
        byte[] bytes => $"({bytes.Length} bytes)",
        IFormattable formattable => formattable.ToString(null, Invariant),
        IEnumerable items => "{" + string.Join(",", items.Cast<object?>().Select(item => Render(item) ?? "NULL")) + "}",
        _ => value.ToString(),
    };
}
