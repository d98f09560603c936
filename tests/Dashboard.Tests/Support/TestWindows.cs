using Dashboard.TimeRanges;

namespace Dashboard.Tests.Support;

/// <summary>Fixed time windows for tests: values are checked against these exact bounds.</summary>
public static class TestWindows
{
    public static readonly DateTimeOffset From = new(2026, 12, 5, 13, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset To = new(2026, 12, 5, 14, 0, 0, TimeSpan.Zero);

    /// <summary>13:00 to 14:00 UTC on 2026-12-05 in 15 s buckets.</summary>
    public static readonly TimeWindow Hour = new(From, To, TimeSpan.FromSeconds(15), "test-hour");

    public static TimeWindow Relative(string key, DateTimeOffset to, TimeSpan span) => new(to - span, to, TimeSpan.FromSeconds(15), key);
}
