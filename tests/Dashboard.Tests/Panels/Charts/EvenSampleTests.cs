using Dashboard.Panels.Charts;

namespace Dashboard.Tests.Panels.Charts;

/// <summary>Picking at most N real rows evenly over a time span: first and last kept, each the real row nearest its
/// slot, none twice.</summary>
public sealed class EvenSampleTests
{
    private static IReadOnlyList<long> Pick(IReadOnlyList<long> times, int cap) => EvenSample.Pick(times, t => t, cap);

    private static List<long> Even(int count, long step = 60_000) => [.. Enumerable.Range(0, count).Select(i => i * step)];

    [Fact]
    public void Empty_one_row_and_exactly_the_cap_are_kept_as_they_are()
    {
        Assert.Empty(Pick([], 120));
        Assert.Equal([42L], Pick([42], 120));
        var exactly = Even(120);
        Assert.Same(exactly, Pick(exactly, 120));
    }

    [Fact]
    public void One_more_than_the_cap_drops_one_row_and_keeps_both_ends()
    {
        var times = Even(121);

        var picked = Pick(times, 120);

        Assert.Equal(120, picked.Count);
        Assert.Equal(times[0], picked[0]);
        Assert.Equal(times[^1], picked[^1]);
        Assert.Equal(picked.Distinct().Count(), picked.Count);
        Assert.Equal(picked.Order(), picked);
    }

    [Fact]
    public void Ten_times_the_cap_keeps_the_cap_each_the_real_row_nearest_its_slot()
    {
        var times = Even(1200);

        var picked = Pick(times, 120);

        Assert.Equal(120, picked.Count);
        Assert.All(picked, t => Assert.Contains(t, times));
        var last = times[^1];
        for (var slot = 0; slot < 120; slot++)
        {
            var at = last * slot / 119.0;
            var nearest = times.MinBy(t => Math.Abs(t - at));
            Assert.Equal(nearest, picked[slot]);
        }

        // Evenly spread: the gaps differ by at most one step of the data.
        var gaps = picked.Zip(picked.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Max() - gaps.Min() <= 60_000, $"gaps {gaps.Min()}..{gaps.Max()}");
    }

    [Fact]
    public void Uneven_times_keep_real_rows_once_each_so_a_burst_does_not_crowd_out_the_rest_of_the_span()
    {
        // 100 rows a second apart in the first 100 s, then 20 rows an hour apart: a sample by index would be mostly the burst.
        List<long> times = [.. Enumerable.Range(0, 100).Select(i => i * 1_000L), .. Enumerable.Range(1, 20).Select(i => 100_000L + i * 3_600_000L)];

        var picked = Pick(times, 10);

        Assert.True(picked.Count <= 10);
        Assert.Equal(times[0], picked[0]);
        Assert.Equal(times[^1], picked[^1]);
        Assert.Equal(picked.Distinct().Count(), picked.Count);
        Assert.All(picked, t => Assert.Contains(t, times));
        Assert.Equal(picked.Order(), picked);
        Assert.Single(picked, t => t < 100_000); // the burst is one slot's worth of the span
    }

    [Fact]
    public void Slots_that_fall_in_a_gap_share_the_real_row_nearest_them_and_it_is_kept_once()
    {
        // Ten rows close together, then one far away: slots 111–444 are all nearest to 9, slots from 556 on to 1000.
        List<long> times = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1000];

        Assert.Equal([0L, 9L, 1000L], Pick(times, 10));
    }

    [Fact]
    public void A_cap_below_two_cannot_keep_both_ends()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Pick(Even(5), 1));
    }
}
