using System.Globalization;

namespace Dashboard.TimeRanges;

/// <summary>What a window covers, in words, in the dashboard's time zone: "13:00 – 14:00 UTC, 15 s buckets", with dates
/// when the window is not within one day.</summary>
public static class TimeWindowCaption
{
    public static string For(TimeWindow window, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(zone);
        var from = TimeZoneInfo.ConvertTime(window.From, zone);
        var to = TimeZoneInfo.ConvertTime(window.To, zone);
        var sameDay = from.Date == to.Date;
        var format = sameDay ? "HH:mm" : "d MMM HH:mm";
        var dateFirst = sameDay ? from.ToString("d MMM ", CultureInfo.InvariantCulture) : "";
        return $"{dateFirst}{from.ToString(format, CultureInfo.InvariantCulture)} – {to.ToString(format, CultureInfo.InvariantCulture)} {ZoneName(zone)}, {Bucket(window.Interval)} buckets";
    }

    private static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;

    /// <summary>A bucket width in words: "15 s", "2 min", "3 h", "1 d".</summary>
    public static string Bucket(TimeSpan interval) => interval switch
    {
        { TotalMinutes: < 1 } => $"{interval.TotalSeconds:0} s",
        { TotalHours: < 1 } => $"{interval.TotalMinutes:0} min",
        { TotalDays: < 1 } => $"{interval.TotalHours:0} h",
        _ => $"{interval.TotalDays:0} d",
    };
}
