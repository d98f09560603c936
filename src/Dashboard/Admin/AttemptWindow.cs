using Dashboard.Storage;

namespace Dashboard.Admin;

/// <summary>A counting window, aligned to whole multiples of its length since the Unix epoch, so every instance puts
/// an attempt made at the same moment into the same window whatever its own start time. Limits use a sliding
/// estimate (the previous window's count weighted by how much of it still lies within one length of now, plus the
/// current count), so a burst split across a window boundary gets no fresh allowance at the boundary.</summary>
public readonly record struct AttemptWindow(DateTimeOffset Start, DateTimeOffset End)
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    public TimeSpan Length => End - Start;

    public static AttemptWindow Containing(DateTimeOffset now, TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        var sinceEpoch = now.UtcDateTime - DateTime.UnixEpoch;
        var start = DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(sinceEpoch.Ticks - (sinceEpoch.Ticks % length.Ticks));
        return new AttemptWindow(start, start + length);
    }

    /// <summary>The attempts within one length before <paramref name="now"/>, estimated from the two windows' counts.</summary>
    public double SlidingCount(SignInAttemptCounts counts, DateTimeOffset now) =>
        counts.Current + (counts.Previous * PreviousWeight(now));

    /// <summary>Whether the attempt just counted in <paramref name="counts"/> keeps within <paramref name="permitLimit"/>.</summary>
    public bool Allows(SignInAttemptCounts counts, int permitLimit, DateTimeOffset now) =>
        SlidingCount(counts, now) <= permitLimit;

    /// <summary>How long until one more attempt would be allowed if none is made meanwhile (at least a millisecond, so
    /// a Retry-After is never 0).</summary>
    public TimeSpan RetryAfter(SignInAttemptCounts counts, int permitLimit, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        DateTimeOffset allowedAt;
        if (counts.Current + 1 <= permitLimit)
        {
            // Within this window, once the previous window's weight has faded enough.
            allowedAt = counts.Previous == 0
                ? now
                : End - (Length * ((permitLimit - counts.Current - 1) / (double)counts.Previous));
        }
        else
        {
            // In the next window, where this window's attempts become the fading previous count.
            allowedAt = End + Length - (Length * ((permitLimit - 1) / (double)counts.Current));
        }

        return allowedAt - now > MinimumWait ? allowedAt - now : MinimumWait;
    }

    private double PreviousWeight(DateTimeOffset now) =>
        Math.Clamp((End - now) / Length, 0, 1);
}
