using Dashboard.Admin;
using Dashboard.Storage;

namespace Dashboard.Tests.Admin;

public sealed class AttemptWindowTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly AttemptWindow Minute = AttemptWindow.Containing(Noon, TimeSpan.FromMinutes(1));

    [Fact]
    public void Windows_are_aligned_to_the_epoch_so_every_instance_picks_the_same_one()
    {
        var window = AttemptWindow.Containing(new DateTimeOffset(2026, 3, 1, 12, 0, 59, 999, TimeSpan.FromHours(2)), TimeSpan.FromMinutes(1));

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 1, 0, TimeSpan.Zero), window.End);
        Assert.Equal(TimeSpan.FromMinutes(1), window.Length);
        Assert.Equal(window, AttemptWindow.Containing(window.Start, TimeSpan.FromMinutes(1)));
        Assert.Equal(window.End, AttemptWindow.Containing(window.End, TimeSpan.FromMinutes(1)).Start);
    }

    [Fact]
    public void The_previous_window_counts_by_how_much_of_it_lies_within_one_length_of_now()
    {
        var counts = new SignInAttemptCounts(Current: 1, Previous: 4);

        Assert.Equal(5, Minute.SlidingCount(counts, Noon));
        Assert.Equal(4, Minute.SlidingCount(counts, Noon.AddSeconds(15)));
        Assert.Equal(1, Minute.SlidingCount(counts, Minute.End));
    }

    [Fact]
    public void A_burst_split_across_a_boundary_gets_no_fresh_allowance_at_the_boundary()
    {
        // Three attempts just before noon used the limit of three; the fourth, a second after noon, is refused,
        // though the window it falls in holds only that one.
        Assert.False(Minute.Allows(new SignInAttemptCounts(Current: 1, Previous: 3), permitLimit: 3, Noon.AddSeconds(1)));
        Assert.True(Minute.Allows(new SignInAttemptCounts(Current: 1, Previous: 3), permitLimit: 3, Noon.AddSeconds(20)));
        Assert.True(Minute.Allows(new SignInAttemptCounts(Current: 3, Previous: 0), permitLimit: 3, Noon));
        Assert.False(Minute.Allows(new SignInAttemptCounts(Current: 4, Previous: 0), permitLimit: 3, Minute.End.AddTicks(-1)));
    }

    [Fact]
    public void Retry_after_is_when_one_more_attempt_would_be_allowed()
    {
        // Previous window full (3), one in this one: a second attempt fits once the previous weighs one at most.
        Assert.Equal(TimeSpan.FromSeconds(39), Minute.RetryAfter(new SignInAttemptCounts(1, 3), permitLimit: 3, Noon.AddSeconds(1)));

        // This window over the limit (4 of 3): the next window, once these four weigh two at most, i.e. halfway through.
        Assert.Equal(TimeSpan.FromSeconds(80), Minute.RetryAfter(new SignInAttemptCounts(4, 0), permitLimit: 3, Noon.AddSeconds(10)));

        // Limit one: the next attempt waits for the whole window's weight to fade.
        Assert.Equal(TimeSpan.FromSeconds(120), Minute.RetryAfter(new SignInAttemptCounts(2, 0), permitLimit: 1, Noon));
    }

    [Fact]
    public void Retry_after_is_never_zero()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1), Minute.RetryAfter(new SignInAttemptCounts(1, 0), permitLimit: 3, Noon));
        Assert.Equal(TimeSpan.FromMilliseconds(1), Minute.RetryAfter(new SignInAttemptCounts(1, 3), permitLimit: 3, Minute.End));
    }
}
