using Dashboard.History;
using Dashboard.Storage;

namespace Dashboard.Tests.Support;

public abstract partial class DelegatingDashboardStore : IHistoryStore
{
    public virtual Task<IReadOnlyList<HistoryBucket>> GetHistoryBucketsAsync(string sourceName, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken) =>
        Inner.GetHistoryBucketsAsync(sourceName, from, to, bucket, cancellationToken);

    public Task AppendHistoryBatchAsync(IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken) => Inner.AppendHistoryBatchAsync(points, cancellationToken);

    public Task<int> PruneRangeValuesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => Inner.PruneRangeValuesAsync(olderThan, cancellationToken);
}
