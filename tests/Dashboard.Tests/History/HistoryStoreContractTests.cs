using Dapper;
using Dashboard.History;
using Dashboard.Storage;

namespace Dashboard.Tests.History;

/// <summary>History over a range on each storage provider: downsampled to average, minimum and maximum per bucket in SQL,
/// served by the range index, and pruned by retention. Each test uses its own source names.</summary>
public abstract class HistoryStoreContractTests : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource timeout;

    protected HistoryStoreContractTests(string? skipReason = null)
    {
        if (skipReason is not null)
        {
            Assert.Skip(skipReason);
        }

        timeout = new(TimeSpan.FromSeconds(60));
    }

    protected abstract string ConnectionString { get; }

    protected abstract DapperDashboardStore CreateStore(string connectionString);

    /// <summary>The query plan of <paramref name="sql"/> as text (EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on SQLite).</summary>
    protected abstract Task<string> PlanAsync(DapperDashboardStore store, string sql, object parameters, CancellationToken cancellationToken);

    /// <summary>Refreshes the planner's statistics after a bulk fill.</summary>
    protected abstract string AnalyzeSql { get; }

    protected CancellationToken Ct => timeout.Token;

    public void Dispose()
    {
        timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_range_is_downsampled_to_average_minimum_and_maximum_per_bucket_in_the_database()
    {
        await using var store = await MigratedStoreAsync();
        var source = NewSource();

        // Ten minutes of points every 10 s valued 0..59, but none in minute 4; one point on each side of the range and
        // one of another source inside it.
        for (var k = 0; k < 60; k++)
        {
            if (k / 6 != 4)
            {
                await store.AppendHistoryAsync(new HistoryPoint(source, T0.AddSeconds(10 * k), k), Ct);
            }
        }

        await store.AppendHistoryAsync(new HistoryPoint(source, T0.AddMilliseconds(-1), 1000), Ct);
        await store.AppendHistoryAsync(new HistoryPoint(source, T0.AddMinutes(10), 1000), Ct);
        await store.AppendHistoryAsync(new HistoryPoint(NewSource(), T0.AddMinutes(1), 1000), Ct);

        var buckets = await store.GetHistoryBucketsAsync(source, T0, T0.AddMinutes(10), TimeSpan.FromMinutes(1), Ct);

        Assert.Equal([0, 1, 2, 3, 5, 6, 7, 8, 9], buckets.Select(b => (int)(b.At - T0).TotalMinutes));
        Assert.All(buckets, b =>
        {
            var i = (int)(b.At - T0).TotalMinutes;
            Assert.Equal((6 * i) + 2.5, b.Avg, 9);
            Assert.Equal(6 * i, b.Min);
            Assert.Equal((6 * i) + 5, b.Max);
            Assert.Equal(6, b.Count);
            Assert.Equal(T0.AddSeconds(10 * ((6 * i) + 5)), b.LastAt);
        });
    }

    [Fact]
    public async Task Buckets_count_from_the_range_start_and_the_end_is_exclusive()
    {
        await using var store = await MigratedStoreAsync();
        var source = NewSource();
        foreach (var (seconds, value) in new[] { (29, 1.0), (30, 2.0), (89, 4.0), (90, 8.0), (149, 16.0), (150, 32.0) })
        {
            await store.AppendHistoryAsync(new HistoryPoint(source, T0.AddSeconds(seconds), value), Ct);
        }

        var buckets = await store.GetHistoryBucketsAsync(source, T0.AddSeconds(30), T0.AddSeconds(150), TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(
            [new HistoryBucket(T0.AddSeconds(30), 3, 2, 4, 2, T0.AddSeconds(89)), new HistoryBucket(T0.AddSeconds(90), 12, 8, 16, 2, T0.AddSeconds(149))],
            buckets);
        Assert.Empty(await store.GetHistoryBucketsAsync(NewSource(), T0, T0.AddDays(1), TimeSpan.FromMinutes(5), Ct));
    }

    [Fact]
    public async Task Thirty_days_of_points_every_five_minutes_come_back_as_240_three_hour_buckets()
    {
        await using var store = await MigratedStoreAsync();
        var source = NewSource();
        var start = T0.AddDays(-30);
        await FillAsync(store, source, start, TimeSpan.FromMinutes(5), 30 * 288);

        var buckets = await store.GetHistoryBucketsAsync(source, start, T0, TimeSpan.FromHours(3), Ct);

        Assert.Equal(240, buckets.Count);
        Assert.All(buckets, b => Assert.Equal(36, b.Count));
        Assert.Equal(0, buckets[0].Min);
        Assert.Equal(35, buckets[0].Max);
        Assert.Equal(17.5, buckets[0].Avg, 9);
        Assert.Equal(30 * 288, buckets.Sum(b => b.Count));
    }

    [Fact]
    public async Task A_batch_of_points_is_written_in_one_go_and_read_back_by_range()
    {
        await using var store = await MigratedStoreAsync();
        var source = NewSource();
        await store.AppendHistoryBatchAsync([.. Enumerable.Range(0, 1000).Select(i => new HistoryPoint(source, T0.AddSeconds(10 * i), i % 6))], Ct);

        var buckets = await store.GetHistoryBucketsAsync(source, T0, T0.AddSeconds(10_000), TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(167, buckets.Count);
        Assert.Equal(1000, buckets.Sum(b => b.Count));
        Assert.Equal(new HistoryBucket(T0, 2.5, 0, 5, 6, T0.AddSeconds(50)), buckets[0]);
    }

    [Fact]
    public async Task The_range_query_and_pruning_are_served_by_indexes()
    {
        await using var store = await MigratedStoreAsync();
        var sources = Enumerable.Range(0, 5).Select(_ => NewSource()).ToList();
        foreach (var source in sources)
        {
            await FillAsync(store, source, T0.AddDays(-10), TimeSpan.FromMinutes(1), 10_000);
        }

        await using (var connection = await store.OpenConnectionAsync(Ct))
        {
            await connection.ExecuteAsync(new CommandDefinition(AnalyzeSql, cancellationToken: Ct));
        }

        var range = await PlanAsync(store, DapperDashboardStore.HistoryBucketsSql,
            new { SourceName = sources[2], FromMs = T0.AddDays(-9).ToUnixTimeMilliseconds(), ToMs = T0.AddDays(-9).AddHours(6).ToUnixTimeMilliseconds(), BucketMs = 120_000L }, Ct);
        var prune = await PlanAsync(store, "DELETE FROM source_history WHERE at_ms < @OlderThanMs",
            new { OlderThanMs = T0.AddDays(-9.9).ToUnixTimeMilliseconds() }, Ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"range query plan:\n{range}\nprune plan:\n{prune}");
        Assert.Contains("ix_source_history_range", range, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", range, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN source_history", range, StringComparison.Ordinal);
        Assert.Contains("ix_source_history_at", prune, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pruning_range_values_deletes_old_name_range_rows_only()
    {
        await using var store = await MigratedStoreAsync();
        var source = NewSource();
        var cutoff = new DateTimeOffset(2002, 1, 1, 0, 0, 0, TimeSpan.Zero); // a year no other test writes
        await store.SaveLastGoodAsync(new LastGoodValue($"{source}#now-6h..now", "fp", "1", cutoff.AddDays(-1)), Ct);
        await store.SaveLastGoodAsync(new LastGoodValue($"{source}#2001-12-01T00:00:00Z..2001-12-02T00:00:00Z", "fp", "2", cutoff.AddMinutes(-1)), Ct);
        await store.SaveLastGoodAsync(new LastGoodValue($"{source}#now-1h..now", "fp", "3", cutoff.AddMinutes(1)), Ct);
        await store.SaveLastGoodAsync(new LastGoodValue(source, "fp", "4", cutoff.AddDays(-100)), Ct);

        Assert.Equal(2, await store.PruneRangeValuesAsync(cutoff, Ct));

        Assert.Null(await store.GetLastGoodAsync($"{source}#now-6h..now", Ct));
        Assert.Null(await store.GetLastGoodAsync($"{source}#2001-12-01T00:00:00Z..2001-12-02T00:00:00Z", Ct));
        Assert.NotNull(await store.GetLastGoodAsync($"{source}#now-1h..now", Ct));
        Assert.NotNull(await store.GetLastGoodAsync(source, Ct));
        Assert.Equal(0, await store.PruneRangeValuesAsync(cutoff, Ct));
    }

    private async Task FillAsync(DapperDashboardStore store, string source, DateTimeOffset start, TimeSpan step, int count)
    {
        // One statement (a recursive CTE both databases run), so a month of points takes milliseconds, not round trips.
        await using var connection = await store.OpenConnectionAsync(Ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @Last)
            INSERT INTO source_history (source_name, at_ms, value)
            SELECT @Source, @StartMs + (i * @StepMs), (i % 36) * 1.0 FROM n
            """,
            new { Source = source, StartMs = start.ToUnixTimeMilliseconds(), StepMs = (long)step.TotalMilliseconds, Last = count - 1 },
            commandTimeout: 60,
            cancellationToken: Ct));
    }

    protected static string NewSource() => $"history-{Guid.NewGuid():N}";

    private async Task<DapperDashboardStore> MigratedStoreAsync()
    {
        var store = CreateStore(ConnectionString);
        await store.MigrateAsync(Ct);
        return store;
    }
}
