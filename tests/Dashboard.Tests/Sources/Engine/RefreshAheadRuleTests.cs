using Dashboard.Sources.Engine;

namespace Dashboard.Tests.Sources.Engine;

public sealed class RefreshAheadRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 75)]
    [InlineData(0.5, 80)]
    [InlineData(1, 85)]
    public void A_value_is_refreshed_at_75_to_85_percent_of_MaxAge(double u, double expectedSeconds)
    {
        Assert.Equal(T0.AddSeconds(expectedSeconds), RefreshAheadRule.Due(T0, TimeSpan.FromSeconds(100), TimeSpan.Zero, u));
    }

    [Fact]
    public void A_slow_fetch_starts_earlier_by_its_own_time_but_never_before_half_of_MaxAge()
    {
        Assert.Equal(T0.AddSeconds(70), RefreshAheadRule.Due(T0, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(10), 0.5));
        Assert.Equal(T0.AddSeconds(50), RefreshAheadRule.Due(T0, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(90), 0.5));
    }

    [Fact]
    public void Live_viewers_refresh_no_sooner_than_their_interval()
    {
        var due = RefreshAheadRule.Due(T0, TimeSpan.Zero, TimeSpan.Zero, 0.5);

        Assert.Equal(T0.AddSeconds(5), RefreshAheadRule.DueLive(due, T0, TimeSpan.FromSeconds(5)));
        Assert.Equal(T0.AddSeconds(80), RefreshAheadRule.DueLive(T0.AddSeconds(80), T0, TimeSpan.FromSeconds(5)));
    }
}
