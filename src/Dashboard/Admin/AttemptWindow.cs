namespace Dashboard.Admin;

/// <summary>A fixed counting window, aligned to whole multiples of its length since the Unix epoch, so every instance
/// puts an attempt made at the same moment into the same window whatever its own start time.</summary>
public readonly record struct AttemptWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public static AttemptWindow Containing(DateTimeOffset now, TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        var sinceEpoch = now.UtcDateTime - DateTime.UnixEpoch;
        var start = DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(sinceEpoch.Ticks - (sinceEpoch.Ticks % length.Ticks));
        return new AttemptWindow(start, start + length);
    }

    /// <summary>How long until the window ends (at least a millisecond, so a Retry-After is never 0).</summary>
    public TimeSpan RetryAfter(DateTimeOffset now) => End - now > TimeSpan.Zero ? End - now : TimeSpan.FromMilliseconds(1);
}
