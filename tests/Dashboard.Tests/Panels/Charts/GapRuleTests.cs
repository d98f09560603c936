using Dashboard.Panels.Charts;

namespace Dashboard.Tests.Panels.Charts;

/// <summary>The gap rule: a line never crosses missing data (a missing value, or a missing bucket).</summary>
public sealed class GapRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static TimePoint At(int minute, double? value) => new(Start.AddMinutes(minute), value);

    private static int[][] Minutes(IReadOnlyList<IReadOnlyList<TimePoint>> runs) =>
        [.. runs.Select(r => r.Select(p => (int)(p.At - Start).TotalMinutes).ToArray())];

    [Fact]
    public void Evenly_spaced_points_make_one_run()
    {
        var runs = GapRule.Runs([At(0, 1), At(1, 2), At(2, 3), At(3, 4)]);

        Assert.Equal([[0, 1, 2, 3]], Minutes(runs));
    }

    [Fact]
    public void A_missing_bucket_splits_the_line()
    {
        // One point a minute, then nothing for minutes 3 and 4.
        var runs = GapRule.Runs([At(0, 1), At(1, 2), At(2, 3), At(5, 4), At(6, 5)]);

        Assert.Equal([[0, 1, 2], [5, 6]], Minutes(runs));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(null)]
    public void A_missing_value_splits_the_line_and_is_not_drawn(double? missing)
    {
        var runs = GapRule.Runs([At(0, 1), At(1, 2), At(2, missing), At(3, 4), At(4, 5)]);

        Assert.Equal([[0, 1], [3, 4]], Minutes(runs));
    }

    [Fact]
    public void The_limit_is_one_and_a_half_steps()
    {
        // Median step 2 minutes: 3 minutes is still the line, 3.5 is a gap.
        Assert.Single(GapRule.Runs([At(0, 1), At(2, 1), At(4, 1), At(7, 1)]));
        var split = GapRule.Runs([At(0, 1), At(2, 1), At(4, 1), new TimePoint(Start.AddMinutes(7.5), 1)]);
        Assert.Equal(2, split.Count);
    }

    [Fact]
    public void The_time_window_step_replaces_the_median()
    {
        // Every 2 minutes, but the source buckets by 5: no gap.
        Assert.Single(GapRule.Runs([At(0, 1), At(2, 1), At(4, 1), At(9, 1)], TimeSpan.FromMinutes(5)));
        // Buckets of 1 minute: every 2-minute step misses one.
        Assert.Equal(4, GapRule.Runs([At(0, 1), At(2, 1), At(4, 1), At(6, 1)], TimeSpan.FromMinutes(1)).Count);
    }

    [Fact]
    public void A_point_alone_between_gaps_is_a_run_of_its_own()
    {
        var runs = GapRule.Runs([At(0, 1), At(1, null), At(2, 7), At(3, null), At(4, 1)]);

        Assert.Equal([[0], [2], [4]], Minutes(runs));
    }

    [Fact]
    public void Unsorted_points_are_put_in_time_order_first()
    {
        var runs = GapRule.Runs([At(2, 3), At(0, 1), At(1, 2)]);

        Assert.Equal([[0, 1, 2]], Minutes(runs));
    }

    [Fact]
    public void No_points_or_only_missing_ones_make_no_run()
    {
        Assert.Empty(GapRule.Runs([]));
        Assert.Empty(GapRule.Runs([At(0, null), At(1, double.NaN)]));
    }
}
