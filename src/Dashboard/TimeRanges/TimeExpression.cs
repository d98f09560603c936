using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Sources.Ranges;

namespace Dashboard.TimeRanges;

/// <summary>One end of a time range: relative to now (<c>now</c>, <c>now-6h</c>; <see cref="Ago"/> set) or an absolute
/// instant (<see cref="Instant"/> set). <see cref="ToString"/> is the canonical text used in URLs and cache keys: the
/// largest unit that divides the offset, days from two days on (<c>now-60m</c> is written <c>now-1h</c>, <c>now-1d</c>
/// <c>now-24h</c>, <c>now-1w</c> <c>now-7d</c>), and
/// absolute times in ISO 8601 UTC.</summary>
public readonly partial record struct TimeExpression
{
    private TimeExpression(TimeSpan? ago, DateTimeOffset? instant)
    {
        Ago = ago;
        Instant = instant;
    }

    public static TimeExpression Now { get; } = new(TimeSpan.Zero, null);

    /// <summary>How long before now, for a relative expression; null for an absolute one.</summary>
    public TimeSpan? Ago { get; }

    /// <summary>The instant, for an absolute expression; null for a relative one.</summary>
    public DateTimeOffset? Instant { get; }

    public bool IsRelative => Ago is not null;

    public static TimeExpression Before(TimeSpan ago) => ago < TimeSpan.Zero
        ? throw new ArgumentOutOfRangeException(nameof(ago), "a relative time lies before now")
        : new TimeExpression(ago, null);

    public static TimeExpression Absolute(DateTimeOffset instant) => new(null, instant.ToUniversalTime());

    /// <summary>The instant this expression names at <paramref name="now"/> (unquantised).</summary>
    public DateTimeOffset At(DateTimeOffset now) => Instant ?? now - Ago!.Value;

    [GeneratedRegex(@"^now(?:-(\d{1,6})([smhdw]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativePattern();

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    /// <summary>Reads <c>now</c>, <c>now-{n}{s|m|h|d|w}</c>, ISO 8601 (with an offset or <c>Z</c>; without one the time
    /// is in <paramref name="zone"/>; a date alone is its midnight), or unix milliseconds.</summary>
    /// <returns>Null when the text is none of these; <paramref name="problem"/> then says why.</returns>
    public static TimeExpression? Parse(string text, TimeZoneInfo zone, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        problem = null;
        var trimmed = text.Trim();
        if (trimmed.StartsWith("now", StringComparison.OrdinalIgnoreCase))
        {
            return ParseRelative(trimmed.ToLowerInvariant(), text, out problem);
        }

        if (trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit))
        {
            if (trimmed.Length <= 15 && long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return Absolute(DateTimeOffset.FromUnixTimeMilliseconds(ms));
            }

            problem = $"'{Shorten(text)}' is too large for unix milliseconds";
            return null;
        }

        if (HasOffset(trimmed)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var withOffset))
        {
            return Absolute(withOffset);
        }

        if (DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return Absolute(InZone(local, zone));
        }

        problem = $"'{Shorten(text)}' is not a time: use now, now-15m, now-6h, now-7d, an ISO 8601 time (2026-05-01T10:00) or unix milliseconds";
        return null;
    }

    private static TimeExpression? ParseRelative(string lower, string original, out string? problem)
    {
        problem = null;
        var match = RelativePattern().Match(lower);
        if (!match.Success)
        {
            problem = lower.StartsWith("now+", StringComparison.Ordinal)
                ? $"'{Shorten(original)}' lies in the future: a range ends at now at the latest"
                : $"'{Shorten(original)}' is not a relative time: use now or now-<number><unit> with s, m, h, d or w (now-6h)";
            return null;
        }

        if (!match.Groups[1].Success)
        {
            return Now;
        }

        var n = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var ago = match.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            _ => TimeSpan.FromDays(7L * n),
        };
        return Before(ago);
    }

    // A trailing Z or +hh:mm / -hh:mm after the time part (a date's own dashes do not count).
    private static bool HasOffset(string text)
    {
        var time = text.IndexOfAny(['T', 't', ' ']);
        if (time < 0)
        {
            return false;
        }

        var rest = text[time..];
        return rest.EndsWith('Z') || rest.EndsWith('z') || rest.Contains('+', StringComparison.Ordinal) || rest.LastIndexOf('-') > 0;
    }

    private static DateTimeOffset InZone(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        // A time skipped by a clock change reads as the same wall time an hour later, as clocks show it.
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    public override string ToString() => Ago is { } ago ? Relative(ago) : TimeWindowText.Iso(Instant!.Value);

    private static string Relative(TimeSpan ago)
    {
        if (ago == TimeSpan.Zero)
        {
            return "now";
        }

        // Days from two on (a day reads better as 24 h, as pickers write it), else the largest unit that divides.
        var day = TimeSpan.FromDays(1);
        if (ago.Ticks % day.Ticks == 0 && ago >= 2 * day)
        {
            return $"now-{(ago.Ticks / day.Ticks).ToString(CultureInfo.InvariantCulture)}d";
        }

        foreach (var (unit, size) in Units)
        {
            if (ago.Ticks % size.Ticks == 0)
            {
                return $"now-{(ago.Ticks / size.Ticks).ToString(CultureInfo.InvariantCulture)}{unit}";
            }
        }

        // Sub-second offsets cannot be written; parsing never makes them.
        return $"now-{((long)ago.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s";
    }

    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)), ("s", TimeSpan.FromSeconds(1)),
    ];
}
