namespace Dashboard.TimeRanges;

/// <summary>A range the picker offers as one link.</summary>
public sealed record TimeRangePreset(string Label, string ShortLabel, TimeRange Range);

/// <summary>The picker's quick choices: last 15 minutes to last 30 days.</summary>
public static class TimeRangePresets
{
    public static IReadOnlyList<TimeRangePreset> All { get; } =
    [
        new("Last 15 minutes", "15m", TimeRange.Last(TimeSpan.FromMinutes(15))),
        new("Last hour", "1h", TimeRange.Last(TimeSpan.FromHours(1))),
        new("Last 6 hours", "6h", TimeRange.Last(TimeSpan.FromHours(6))),
        new("Last 24 hours", "24h", TimeRange.Last(TimeSpan.FromHours(24))),
        new("Last 7 days", "7d", TimeRange.Last(TimeSpan.FromDays(7))),
        new("Last 30 days", "30d", TimeRange.Last(TimeSpan.FromDays(30))),
    ];

    /// <summary>The preset showing <paramref name="range"/>, or null for a custom range.</summary>
    public static TimeRangePreset? Find(TimeRange range) => All.FirstOrDefault(p => p.Range == range);
}
