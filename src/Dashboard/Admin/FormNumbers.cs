using System.Globalization;

namespace Dashboard.Admin;

/// <summary>Numbers in admin forms: shown and read with the invariant culture (durations in seconds). Text that is not a
/// number becomes a message on its field; a number too large to hold is read as the largest one held, so the
/// validator's message for the field names its limit ("at most 600 seconds") instead of calling it "not a number". A
/// field that was not posted at all (null: form mapping leaves it unset) keeps the previous value, so a partial post
/// never resets settings it did not mention.</summary>
internal static class FormNumbers
{
    // Far beyond any range the validator accepts, but keeps TimeSpan.FromSeconds from overflowing.
    public const double MaxSeconds = 86_400 * 365;

    /// <summary>The largest duration a form reads, for fields whose validator sets no maximum of its own.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(MaxSeconds);

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Shortest text that reads back as the same number.</summary>
    public static string Decimal(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <param name="max">Reported here when exceeded, for a field the validator does not bound itself.</param>
    public static TimeSpan ParseSeconds(string? text, string field, AdminFieldErrors errors, TimeSpan fallback, TimeSpan? max = null)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || double.IsNaN(seconds))
        {
            errors.Add(field, $"'{text}' is not a number of seconds");
            return fallback;
        }

        if (max is { } limit && seconds > limit.TotalSeconds)
        {
            errors.Add(field, $"must be at most {Seconds(limit)} seconds ({limit.TotalDays:0.#} days)");
            return fallback;
        }

        return TimeSpan.FromSeconds(Math.Clamp(seconds, -MaxSeconds, MaxSeconds));
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

        // Digits beyond what an int holds: the largest one, which the validator then reports against its limit.
        if (System.Numerics.BigInteger.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big))
        {
            return big.Sign < 0 ? int.MinValue : int.MaxValue;
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

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value))
        {
            return Math.Clamp(value, double.MinValue, double.MaxValue);
        }

        errors.Add(field, $"'{text}' is not a number");
        return fallback;
    }
}
