using System.Globalization;
using Dashboard.Panels.Formatting;

namespace Dashboard.Panels.Charts;

/// <summary>The sentence a screen reader hears for a chart: how many series, over which time, and each series' range
/// and last value (the first few; the table under the chart has them all).</summary>
public static class ChartSummary
{
    private const int SeriesNamed = 3;

    public static string Describe(
        IReadOnlyList<string> names, IReadOnlyList<SeriesStats?> stats, DateTimeOffset from, DateTimeOffset to,
        ValueFormat format, string? unit, FormatContext context)
    {
        if (stats.All(s => s is null))
        {
            return names.Count == 0 ? "No data." : $"{Count(names.Count, "series", "series")}, no values.";
        }

        string Value(double v) => ValueFormatter.WithUnit(ValueFormatter.Format(v, format, context), unit);
        var parts = new List<string>
        {
            $"{Count(names.Count, "series", "series")} over {DurationText.Format((to - from).TotalSeconds, "s", 0)}, {Span(from, to, context.Zone)}.",
        };
        for (var i = 0; i < names.Count && parts.Count <= SeriesNamed; i++)
        {
            parts.Add(stats[i] is { } s
                ? s.Min == s.Max ? $"{names[i]}: {Value(s.Last)}." : $"{names[i]}: from {Value(s.Min)} to {Value(s.Max)}, last {Value(s.Last)}."
                : $"{names[i]}: no values.");
        }

        if (names.Count > SeriesNamed)
        {
            parts.Add($"And {Count(names.Count - SeriesNamed, "more series", "more series")} (see the table).");
        }

        return string.Join(" ", parts);
    }

    /// <summary>"Jan 1 11:00 to 12:00 UTC", or with both dates when it crosses midnight.</summary>
    public static string Span(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTime(from, zone);
        var end = TimeZoneInfo.ConvertTime(to, zone);
        var endFormat = start.Date == end.Date ? "HH:mm" : "MMM d HH:mm";
        return $"{start.ToString("MMM d HH:mm", CultureInfo.InvariantCulture)} to {end.ToString(endFormat, CultureInfo.InvariantCulture)} {ZoneName(zone)}";
    }

    public static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;

    private static string Count(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}
