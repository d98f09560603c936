using Dashboard.Admin;

namespace Dashboard.Tests.Admin;

public sealed class AttemptWindowTests
{
    [Fact]
    public void Windows_are_aligned_to_the_epoch_so_every_instance_picks_the_same_one()
    {
        var window = AttemptWindow.Containing(new DateTimeOffset(2026, 3, 1, 12, 0, 59, 999, TimeSpan.FromHours(2)), TimeSpan.FromMinutes(1));

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 1, 0, TimeSpan.Zero), window.End);
        Assert.Equal(window, AttemptWindow.Containing(window.Start, TimeSpan.FromMinutes(1)));
        Assert.Equal(window.End, AttemptWindow.Containing(window.End, TimeSpan.FromMinutes(1)).Start);
    }

    [Fact]
    public void Retry_after_is_the_rest_of_the_window_and_never_zero()
    {
        var window = AttemptWindow.Containing(new DateTimeOffset(2026, 3, 1, 12, 0, 20, TimeSpan.Zero), TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(40), window.RetryAfter(new DateTimeOffset(2026, 3, 1, 12, 0, 20, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromMilliseconds(1), window.RetryAfter(window.End));
    }
}
