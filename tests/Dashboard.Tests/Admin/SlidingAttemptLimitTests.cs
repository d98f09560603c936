using Dashboard.Admin;

namespace Dashboard.Tests.Admin;

public sealed class SlidingAttemptLimitTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void An_attempt_is_allowed_while_with_it_at_most_the_limit_fall_in_the_window()
    {
        Assert.True(SlidingAttemptLimit.Allows(earlier: 0, permitLimit: 1));
        Assert.True(SlidingAttemptLimit.Allows(earlier: 2, permitLimit: 3));
        Assert.False(SlidingAttemptLimit.Allows(earlier: 3, permitLimit: 3));
        Assert.False(SlidingAttemptLimit.Allows(earlier: 5, permitLimit: 3));
    }

    [Fact]
    public void Retry_after_is_when_enough_of_the_oldest_attempts_have_left_the_window()
    {
        DateTimeOffset[] earlier = [Noon.AddSeconds(-59), Noon.AddSeconds(-30), Noon.AddSeconds(-1)];

        // Limit 3, three counted: one more fits once the oldest leaves, 1 s from now.
        Assert.Equal(TimeSpan.FromSeconds(1), SlidingAttemptLimit.RetryAfter(earlier, permitLimit: 3, Minute, Noon));

        // Limit 2: two have to leave, the second at -30 s + 60 s.
        Assert.Equal(TimeSpan.FromSeconds(30), SlidingAttemptLimit.RetryAfter(earlier, permitLimit: 2, Minute, Noon));

        // Limit 1: all three, the newest at -1 s + 60 s; never more than the window.
        Assert.Equal(TimeSpan.FromSeconds(59), SlidingAttemptLimit.RetryAfter(earlier, permitLimit: 1, Minute, Noon));
    }

    [Fact]
    public void Retry_after_is_never_zero()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1), SlidingAttemptLimit.RetryAfter([], permitLimit: 3, Minute, Noon));
        Assert.Equal(TimeSpan.FromMilliseconds(1), SlidingAttemptLimit.RetryAfter([Noon.AddMinutes(-1)], permitLimit: 1, Minute, Noon));
    }
}
