namespace Dashboard.Panels.Formatting;

/// <summary><c>Dashboard:TimeZone</c>: the IANA time zone (e.g. <c>Europe/Paris</c>) chart axes, tables and dates are
/// written in; UTC by default. Checked at start-up.</summary>
public sealed class TimeZoneOptions
{
    public const string Section = "Dashboard";
    public const string Key = "Dashboard:TimeZone";

    private TimeZoneInfo? zone;

    public string TimeZone { get; set; } = "UTC";

    /// <summary>The zone named by <see cref="TimeZone"/> (UTC when it names none; start-up validation refuses that).</summary>
    public TimeZoneInfo Zone => zone ??= Find(TimeZone) ?? TimeZoneInfo.Utc;

    public static TimeZoneInfo? Find(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null
        : id.Trim() is "UTC" or "Etc/UTC" ? TimeZoneInfo.Utc
        : TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var found) ? found : null;

    public IEnumerable<string> Problems()
    {
        if (Find(TimeZone) is null)
        {
            yield return $"{Key}: '{TimeZone}' is not a known time zone; use an IANA id such as UTC, Europe/Paris or America/New_York";
        }
    }
}
