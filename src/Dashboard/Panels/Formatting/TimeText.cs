using System.Globalization;

namespace Dashboard.Panels.Formatting;

/// <summary>Reads a point in time from a cell or series label: ISO 8601 text (<c>2026-01-01T12:00:00Z</c>, an offset,
/// or none, which means UTC; a space may stand for the T, as SQLite's <c>datetime()</c> writes it), or a unix time as a
/// number (seconds, or milliseconds from 1e11 up, which as seconds would be past the year 5000).</summary>
public static class TimeText
{
    private const double MillisecondsFrom = 1e11;

    public static bool TryParse(string? text, out DateTimeOffset at)
    {
        at = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.AsSpan().Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return TryFromUnix(number, out at);
        }

        // Dates only from a full year-month-day: the lenient parser would read "12:05" as today, a day off near midnight.
        return trimmed.Length >= 10 && char.IsAsciiDigit(trimmed[0]) && trimmed[4] == '-' && trimmed[7] == '-'
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out at);
    }

    public static bool TryFromUnix(double number, out DateTimeOffset at)
    {
        at = default;
        if (!double.IsFinite(number))
        {
            return false;
        }

        var ms = Math.Abs(number) >= MillisecondsFrom ? number : number * 1000;
        if (ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(ms));
        return true;
    }
}
