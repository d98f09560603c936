using Dashboard.Cluster;

namespace Dashboard.Tests.Cluster;

public sealed class ReconnectBackoffTests
{
    private static readonly ReconnectBackoff Backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(0, 500)]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(5, 16000)]
    [InlineData(6, 30000)]
    [InlineData(1000, 30000)]
    public void Doubles_from_the_minimum_up_to_the_maximum(int attempt, double expectedMs) =>
        Assert.Equal(expectedMs, Backoff.Delay(attempt, random: 0.5).TotalMilliseconds, precision: 3);

    [Fact]
    public void Spreads_each_delay_by_a_fifth_either_way_but_never_past_the_maximum()
    {
        Assert.Equal(400, Backoff.Delay(0, random: 0).TotalMilliseconds, precision: 3);
        Assert.Equal(600, Backoff.Delay(0, random: 0.999999).TotalMilliseconds, precision: 1);
        Assert.Equal(24000, Backoff.Delay(10, random: 0).TotalMilliseconds, precision: 3);
        Assert.Equal(30000, Backoff.Delay(10, random: 0.999999).TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void A_negative_attempt_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(-1, 0.5));
}
