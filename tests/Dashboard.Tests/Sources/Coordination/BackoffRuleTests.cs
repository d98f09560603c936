using Dashboard.Sources.Coordination;

namespace Dashboard.Tests.Sources.Coordination;

public sealed class BackoffRuleTests
{
    private static BackoffRule Rule(double maxAgeSeconds = 30, double minSeconds = 2, double share = 0.5, double maxSeconds = 300) =>
        new(TimeSpan.FromSeconds(minSeconds), share, TimeSpan.FromSeconds(maxSeconds), TimeSpan.FromSeconds(maxAgeSeconds));

    [Theory]
    [InlineData(30, 15)] // Half of MaxAge is longer than the minimum.
    [InlineData(5, 2.5)]
    [InlineData(2, 2)] // The minimum is longer.
    [InlineData(0, 2)] // MaxAge 0 (fetch on every view) still backs off.
    public void The_first_retry_waits_the_longer_of_the_minimum_and_the_share_of_MaxAge(double maxAge, double expected)
    {
        Assert.Equal(TimeSpan.FromSeconds(expected), Rule(maxAge).Delay(1, 0));
    }

    [Fact]
    public void Later_retries_double_up_to_the_cap()
    {
        var rule = Rule(maxAgeSeconds: 30);

        Assert.Equal([15, 30, 60, 120, 240, 300, 300], Enumerable.Range(1, 7).Select(n => rule.Delay(n, 0).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(300), rule.Delay(1000, 0.99));
    }

    [Fact]
    public void Jitter_only_lengthens_a_wait_by_up_to_a_fifth_and_never_past_the_cap()
    {
        var rule = Rule(maxAgeSeconds: 30);

        Assert.Equal(TimeSpan.FromSeconds(15 * 1.1), rule.Delay(1, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(15 * 1.2), rule.Delay(1, 1));
        Assert.Equal(TimeSpan.FromSeconds(300), rule.Delay(6, 0.9));
    }

    [Fact]
    public void A_first_wait_longer_than_the_cap_is_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), Rule(maxAgeSeconds: 3600, maxSeconds: 60).Delay(1, 0));
    }

    [Fact]
    public void The_schedule_allows_one_call_at_the_start_and_one_per_retry_within_the_period()
    {
        // MaxAge 5 s: retries 2.5, 5, 10, 20, 40 s apart: at 2.5, 7.5, 17.5, 37.5 (77.5 is past 60).
        Assert.Equal(5, Rule(maxAgeSeconds: 5).MaxCalls(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, Rule(maxAgeSeconds: 5).MaxCalls(TimeSpan.FromSeconds(2)));
    }
}
