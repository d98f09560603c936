using System.Globalization;

namespace Dashboard.Admin;

/// <summary>Numbers in admin forms: shown and read with the invariant culture (durations in seconds). Text that is not a
/// number becomes a message on its field; a field that was not posted at all (null: form mapping leaves it unset) keeps
/// the previous value, so a partial post never resets settings it did not mention.</summary>
internal static class FormNumbers
{
    // Far beyond any range the validator accepts, but keeps TimeSpan.FromSeconds from overflowing.
    private const double MaxSeconds = 86_400 * 365;

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Shortest text that reads back as the same number.</summary>
    public static string Decimal(double value) => value.ToString(CultureInfo.InvariantCulture);

    public static TimeSpan ParseSeconds(string? text, string field, AdminFieldErrors errors, TimeSpan fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && Math.Abs(seconds) < MaxSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        errors.Add(field, $"'{text}' is not a number of seconds");
        return fallback;
    }

    public static int ParseWhole(string? text, string field, AdminFieldErrors errors, int fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, $"'{text}' is not a whole number");
        return fallback;
    }

    public static double ParseDecimal(string? text, string field, AdminFieldErrors errors, double fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add(field, $"'{text}' is not a number");
        return fallback;
    }
}
