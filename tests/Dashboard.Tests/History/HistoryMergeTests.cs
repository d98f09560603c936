using Dashboard.History;
using Dashboard.Storage;
using Dashboard.TimeRanges;

namespace Dashboard.Tests.History;

public sealed class HistoryMergeTests
{
    private static readonly DateTimeOffset From = new(2026, 12, 5, 13, 0, 0, TimeSpan.Zero);
    private static readonly TimeWindow Window = new(From, From.AddHours(1), TimeSpan.FromMinutes(1), "w");

    private static HistoryPoint Point(double minutes, double value) => new("s", From.AddMinutes(minutes), value);

    [Fact]
    public void Points_newer_than_the_stored_ones_are_folded_into_their_buckets()
    {
        IReadOnlyList<HistoryBucket> stored = [new(From, 2, 1, 3, 2, From.AddSeconds(30)), new(From.AddMinutes(1), 10, 10, 10, 1, From.AddMinutes(1.25))];

        var merged = HistoryMerge.WithRecent(stored, [Point(0.5, 3), Point(1.25, 10), Point(1.5, 20), Point(3.2, 7)], Window);

        Assert.Equal(
            [stored[0], new HistoryBucket(From.AddMinutes(1), 15, 10, 20, 2, From.AddMinutes(1.5)), new HistoryBucket(From.AddMinutes(3), 7, 7, 7, 1, From.AddMinutes(3.2))],
            merged);
    }

    [Fact]
    public void Points_outside_the_window_or_not_finite_are_left_out_and_nothing_new_keeps_the_stored_list()
    {
        IReadOnlyList<HistoryBucket> stored = [new(From, 1, 1, 1, 1, From)];

        Assert.Same(stored, HistoryMerge.WithRecent(stored, [Point(-1, 5), Point(60, 5), Point(2, double.NaN)], Window));
        Assert.Equal([new HistoryBucket(From.AddMinutes(59), 4, 4, 4, 1, From.AddMinutes(59.9))], HistoryMerge.WithRecent([], [Point(59.9, 4)], Window));
    }
}
