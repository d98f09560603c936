namespace Dashboard.Sources.Coordination;

/// <summary>When a failing source is tried again: after the n-th failure in a row, wait
/// <c>min(Max, First × 2^(n-1)) × (1 + Jitter × u)</c>, capped at <c>Max</c>, where <c>First</c> is the longer of
/// <c>MinRetryInterval</c> and <c>MaxAgeShare × MaxAge</c> and <c>u</c> is uniform in [0, 1). Jitter only lengthens a
/// wait, so the schedule without it (<see cref="MaxCalls"/>) bounds the calls any run can make.</summary>
public sealed record BackoffRule(TimeSpan MinRetryInterval, double MaxAgeShare, TimeSpan Max, TimeSpan MaxAge)
{
    public const double Jitter = 0.2;

    public static BackoffRule For(SourceOptions source) =>
        new(source.Backoff.MinRetryInterval, source.Backoff.MaxAgeShare, source.Backoff.Max, source.MaxAge);

    /// <summary>The wait after the first failure, before jitter.</summary>
    public TimeSpan First
    {
        get
        {
            var share = TimeSpan.FromTicks((long)(MaxAge.Ticks * Math.Clamp(MaxAgeShare, 0, 1)));
            var first = share > MinRetryInterval ? share : MinRetryInterval;
            return first < Max ? first : Max;
        }
    }

    /// <param name="failures">Failures in a row, at least 1.</param>
    /// <param name="u">Uniform in [0, 1): <c>Random.Shared.NextDouble()</c>, or 0 for the schedule itself.</param>
    public TimeSpan Delay(int failures, double u)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var doublings = Math.Min(failures - 1, 40);
        var ticks = Math.Min(Max.Ticks, First.Ticks * Math.Pow(2, doublings)) * (1 + (Jitter * Math.Clamp(u, 0, 1)));
        return TimeSpan.FromTicks((long)Math.Min(Max.Ticks, ticks));
    }

    /// <summary>The most upstream calls a source failing throughout <paramref name="period"/> can get: one at its start,
    /// then one per retry of the schedule without jitter.</summary>
    public int MaxCalls(TimeSpan period)
    {
        if (First <= TimeSpan.Zero)
        {
            return int.MaxValue;
        }

        var calls = 1;
        var at = TimeSpan.Zero;
        for (var failures = 1; ; failures++)
        {
            at += Delay(failures, 0);
            if (at > period)
            {
                return calls;
            }

            calls++;
        }
    }
}
