using Dashboard.History;
using Dashboard.Storage;

namespace Dashboard.Tests.Support;

/// <summary>History over a range for tests without a database (the SQL is covered by the store contract suite).</summary>
public sealed partial class InMemoryDashboardStore : IHistoryStore
{
    public Task<IReadOnlyList<HistoryBucket>> GetHistoryBucketsAsync(string sourceName, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HistoryBucket>>([.. history
            .Where(p => p.SourceName == sourceName && p.At >= from && p.At < to)
            .GroupBy(p => (p.At - from).Ticks / bucket.Ticks)
            .OrderBy(g => g.Key)
            .Select(g => new HistoryBucket(from + (bucket * g.Key), g.Average(p => p.Value), g.Min(p => p.Value), g.Max(p => p.Value), g.Count(), g.Max(p => p.At)))]);

    public Task AppendHistoryBatchAsync(IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken)
    {
        foreach (var point in points)
        {
            history.Enqueue(point);
        }

        return Task.CompletedTask;
    }

    public Task<int> PruneRangeValuesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var (key, value) in lastGood)
        {
            if (key.Contains('#', StringComparison.Ordinal) && value.FetchedAt < olderThan && lastGood.TryRemove(key, out _))
            {
                removed++;
            }
        }

        return Task.FromResult(removed);
    }
}
