namespace Dashboard.Storage;

/// <summary>When to try storage again at start-up: after 1 s, then doubling up to 10 s between tries, until
/// <paramref name="total"/> has passed since the first try; the last wait is shortened so the last try falls on the
/// deadline. Zero means a single try.</summary>
public sealed class StartupRetrySchedule(TimeSpan total)
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    public TimeSpan Total { get; } = total;

    /// <summary>How long to wait after failed try number <paramref name="attempt"/> (1-based), or null to give up.</summary>
    /// <param name="elapsed">Time since the first try began.</param>
    public TimeSpan? DelayAfter(int attempt, TimeSpan elapsed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var remaining = Total - elapsed;
        if (remaining <= TimeSpan.Zero)
        {
            return null;
        }

        var doubled = FirstDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        var delay = doubled < MaxDelay ? doubled : MaxDelay;
        return delay < remaining ? delay : remaining;
    }
}
