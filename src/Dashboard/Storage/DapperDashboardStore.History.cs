using Dapper;
using Dashboard.History;

namespace Dashboard.Storage;

/// <summary>History over a range, downsampled in SQL: portable integer arithmetic on unix milliseconds groups points into
/// buckets counted from the range's start, so SQLite and PostgreSQL agree to the row.</summary>
public abstract partial class DapperDashboardStore : IHistoryStore
{
    /// <summary>Served by <c>ix_source_history_range</c> (source, time, and the value, so no table reads): an index range
    /// scan on both databases.</summary>
    internal const string HistoryBucketsSql = """
        SELECT (at_ms - @FromMs) / @BucketMs AS Bucket, AVG(value) AS Avg, MIN(value) AS Min, MAX(value) AS Max,
               COUNT(*) AS Count, MAX(at_ms) AS LastAtMs
        FROM source_history
        WHERE source_name = @SourceName AND at_ms >= @FromMs AND at_ms < @ToMs
        GROUP BY (at_ms - @FromMs) / @BucketMs
        ORDER BY 1
        """;

    /// <summary>A range value's key holds '#' (source names cannot): the values of sources without a range never match.</summary>
    internal const string PruneRangeValuesSql = "DELETE FROM last_good WHERE source_name LIKE '%#%' AND fetched_at_ms < @OlderThanMs";

    public async Task<IReadOnlyList<HistoryBucket>> GetHistoryBucketsAsync(string sourceName, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucket, TimeSpan.FromMilliseconds(1));
        var fromMs = from.ToUnixTimeMilliseconds();
        var bucketMs = (long)bucket.TotalMilliseconds;
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<BucketRow>(Command(
            HistoryBucketsSql,
            new { SourceName = sourceName, FromMs = fromMs, ToMs = to.ToUnixTimeMilliseconds(), BucketMs = bucketMs },
            cancellationToken));
        return [.. rows.Select(r => new HistoryBucket(
            DateTimeOffset.FromUnixTimeMilliseconds(fromMs + (r.Bucket * bucketMs)), r.Avg, r.Min, r.Max, r.Count, DateTimeOffset.FromUnixTimeMilliseconds(r.LastAtMs)))];
    }

    public async Task AppendHistoryBatchAsync(IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Each statement has the usual timeout; the transaction makes the batch one commit, not one per point.
        await connection.ExecuteAsync(Command(
            "INSERT INTO source_history (source_name, at_ms, value) VALUES (@SourceName, @AtMs, @Value)",
            points.Select(p => new { p.SourceName, AtMs = p.At.ToUnixTimeMilliseconds(), p.Value }),
            transaction,
            cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> PruneRangeValuesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(PruneRangeValuesSql, new { OlderThanMs = olderThan.ToUnixTimeMilliseconds() }, cancellationToken));
    }

    private sealed class BucketRow
    {
        public long Bucket { get; init; }

        public double Avg { get; init; }

        public double Min { get; init; }

        public double Max { get; init; }

        public long Count { get; init; }

        public long LastAtMs { get; init; }
    }
}
