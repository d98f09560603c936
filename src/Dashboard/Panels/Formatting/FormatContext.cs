namespace Dashboard.Panels.Formatting;

/// <summary>What formatting needs besides the value: the zone dates are written in and "now" for relative times.</summary>
public sealed record FormatContext(TimeZoneInfo Zone, DateTimeOffset Now)
{
    public static FormatContext Utc(DateTimeOffset now) => new(TimeZoneInfo.Utc, now);
}
