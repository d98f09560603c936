using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Admin;

/// <summary>Turns a configuration validator message into one for a form field: durations in the seconds the forms use
/// ("at most 600 seconds", not "at most 00:10:00"), and without the echoed number in front (the field shows what was
/// typed; the echo could be a value clamped while reading it), so what is left names the limit.</summary>
public static partial class FormMessages
{
    [GeneratedRegex(@"(?<![\w:.])(?:\d+\.)?\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?(?![\w:])", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    [GeneratedRegex(@"^-?\d[\d.:E+\-]*\s+(?=must )", RegexOptions.CultureInvariant)]
    private static partial Regex EchoedNumber();

    [GeneratedRegex(@"between (?<from>[\d.]+) seconds and (?<to>[\d.]+) seconds", RegexOptions.CultureInvariant)]
    private static partial Regex SecondsRange();

    public static string ForField(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = EchoedNumber().Replace(message, "");
        text = Duration().Replace(text, m => TimeSpan.TryParse(m.Value, CultureInfo.InvariantCulture, out var span) ? $"{FormNumbers.Seconds(span)} seconds" : m.Value);
        return SecondsRange().Replace(text, "between ${from} and ${to} seconds");
    }
}
