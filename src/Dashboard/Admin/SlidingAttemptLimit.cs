namespace Dashboard.Admin;

/// <summary>The sign-in limit as a sliding log: an attempt is allowed when, with it, at most the permitted number of
/// attempts fall within the last window. Unlike fixed windows, a burst straddling a boundary gets no fresh allowance
/// there, and a refused client learns exactly when the oldest counted attempt leaves the window.</summary>
public static class SlidingAttemptLimit
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    /// <summary>Whether one more attempt fits beside the <paramref name="earlier"/> ones counted in the window.</summary>
    public static bool Allows(int earlier, int permitLimit) => earlier + 1 <= permitLimit;

    /// <summary>How long until one more attempt would fit, if none is made meanwhile: until enough of the
    /// <paramref name="earlier"/> attempts (oldest first) have left the window (at least a millisecond, so a
    /// Retry-After is never 0).</summary>
    public static TimeSpan RetryAfter(IReadOnlyList<DateTimeOffset> earlier, int permitLimit, TimeSpan window, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        if (Allows(earlier.Count, permitLimit))
        {
            return MinimumWait;
        }

        // One more fits once at most permitLimit - 1 remain: the attempt at this index is the last that has to leave.
        var leaves = earlier[earlier.Count - permitLimit] + window - now;
        return leaves > MinimumWait ? leaves : MinimumWait;
    }
}
