namespace Dashboard.Sources.Ranges;

/// <summary>The bucket width for a time span: the smallest "nice" step (1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 min, …, 1 d,
/// 7 d, 30 d) that gives at most <see cref="MaxPoints"/> buckets, so a panel never gets more than about 300 points.</summary>
public static class BucketInterval
{
    public const int MaxPoints = 300;

    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
        TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7), TimeSpan.FromDays(30),
    ];

    public static TimeSpan For(TimeSpan span)
    {
        foreach (var step in Steps)
        {
            if (span.Ticks <= step.Ticks * MaxPoints)
            {
                return step;
            }
        }

        // Beyond 30 d × 300: whole days, still at most MaxPoints buckets.
        return TimeSpan.FromDays(Math.Ceiling(span.TotalDays / MaxPoints));
    }
}
