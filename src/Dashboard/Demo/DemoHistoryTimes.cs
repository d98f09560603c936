namespace Dashboard.Demo;

/// <summary>When the demo's seeded past values fall: every 5 minutes over the 30 days before the last one, then every 10 s
/// over the last day, so every preset from 15 minutes to 30 days has several points per bucket (a line in its min–max
/// band) on a fresh demo. About 17,000 points a source.</summary>
public static class DemoHistoryTimes
{
    public static readonly TimeSpan Span = TimeSpan.FromDays(30);

    public static readonly TimeSpan RecentSpan = TimeSpan.FromDays(1);

    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan RecentStep = TimeSpan.FromSeconds(10);

    /// <summary>Oldest first; all before <paramref name="now"/> and within <see cref="Span"/> of it (nothing for pruning).</summary>
    public static IEnumerable<DateTimeOffset> Before(DateTimeOffset now)
    {
        var recent = now - RecentSpan;
        for (var at = now - Span + Step; at < recent; at += Step)
        {
            yield return at;
        }

        for (var at = recent; at < now; at += RecentStep)
        {
            yield return at;
        }
    }
}
