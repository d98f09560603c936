namespace Dashboard.History;

/// <summary>History reads over a time range and retention, implemented by the storage providers (SQLite and PostgreSQL) in
/// SQL, served by the <c>(source_name, at_ms)</c> index.</summary>
public interface IHistoryStore
{
    /// <summary>The source's points in <c>[from, to)</c>, downsampled in the database to buckets of <paramref name="bucket"/>
    /// counted from <paramref name="from"/> (average, minimum, maximum per bucket), oldest first; buckets without points are
    /// left out.</summary>
    Task<IReadOnlyList<HistoryBucket>> GetHistoryBucketsAsync(string sourceName, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken);

    /// <summary>Adds many points in one transaction (the demo's seeded past; one value at a time goes through
    /// <c>IDashboardStore.AppendHistoryAsync</c>).</summary>
    Task AppendHistoryBatchAsync(IReadOnlyList<Storage.HistoryPoint> points, CancellationToken cancellationToken);

    /// <summary>Deletes stored values of sources at a time range (<c>name#range</c>) last written before
    /// <paramref name="olderThan"/>; values of sources without a range are kept whatever their age. Returns how many.</summary>
    Task<int> PruneRangeValuesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
