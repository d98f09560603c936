using Dashboard.Demo;
using Dashboard.Sources;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Sources.Sql;

public sealed class DemoDatabaseSeederTests : IDisposable
{
    private const string ConnectionString = "Data Source=data/demo.db";

    private readonly string contentRoot = Path.Combine(Path.GetTempPath(), "dashboard-demo-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    [Fact]
    public async Task Seeding_creates_the_folder_and_rows_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        Assert.True(await SeedAsync(time));
        var first = await SnapshotAsync();
        Assert.False(await SeedAsync(time));
        time.Advance(TimeSpan.FromHours(6));
        Assert.False(await SeedAsync(time));

        Assert.True(File.Exists(Path.Combine(contentRoot, "data", "demo.db")));
        Assert.Equal(first, await SnapshotAsync());
        Assert.Equal(5_000, first.Count);
    }

    [Fact]
    public async Task Concurrent_seeders_fill_the_table_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        // Task.Run: SQLite's async calls complete synchronously, so this is what makes the two overlap.
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => SeedAsync(time))));

        Assert.Single(results, filled => filled);
        Assert.Equal(5_000, (await SnapshotAsync()).Count);
    }

    [Fact]
    public async Task Rows_span_the_last_fourteen_days_with_every_kind()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await SeedAsync(new FakeTimeProvider(now));

        var snapshot = await SnapshotAsync();

        Assert.InRange(snapshot.Oldest, now.AddDays(-14).ToUnixTimeMilliseconds(), now.AddDays(-13).ToUnixTimeMilliseconds());
        Assert.InRange(snapshot.Newest, now.AddHours(-2).ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds());
        Assert.Equal(["order", "refund", "signup", "support"], snapshot.Kinds);
    }

    [Fact]
    public async Task Same_now_gives_the_same_data_and_stale_data_is_replaced()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        await SeedAsync(time);
        var first = await SnapshotAsync();

        time.Advance(TimeSpan.FromDays(3));
        Assert.True(await SeedAsync(time));
        var refreshed = await SnapshotAsync();
        Assert.Equal(5_000, refreshed.Count);
        Assert.True(refreshed.Newest > now.AddDays(2).ToUnixTimeMilliseconds());

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(contentRoot, "data", "demo.db")}"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM demo_events";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await SeedAsync(new FakeTimeProvider(now));
        Assert.Equal(first, await SnapshotAsync());
    }

    [Fact]
    public async Task Demo_queries_return_sensible_values_through_a_sql_source()
    {
        // SQLite's clock drives the demo queries, so seed relative to the real now.
        await SeedAsync(TimeProvider.System);
        await using var host = new SqlTestHost(contentRoot, SqlTestHost.Connection("demo", "sqlite", ConnectionString));

        var orders = await host.ValueAsync("demo", DemoQueries.OrdersLast24Hours);
        // 45% of 5,000 events over 14 days is about 160 orders a day.
        Assert.InRange(orders.Number!.Value, 60, 400);

        var revenue = (await host.ValueAsync("demo", DemoQueries.RevenueByKindLast7Days, ValueShape.Series)).Points!;
        Assert.Equal(["order", "refund"], revenue.Select(p => p.X));
        Assert.True(revenue[0].Y > 10_000, $"order revenue {revenue[0].Y}");
        Assert.True(revenue[1].Y < 0, $"refunds {revenue[1].Y}");

        var latest = (await host.ValueAsync("demo", DemoQueries.LatestOrders, ValueShape.Table)).Table!;
        Assert.Equal(["id", "occurred_at", "amount"], latest.Columns);
        Assert.Equal(10, latest.Rows.Count);
        Assert.False(latest.Truncated);
        var times = latest.Rows.Select(r => DateTimeOffset.Parse(r[1]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.True(times[0] > DateTimeOffset.UtcNow.AddHours(-12));
    }

    private Task<bool> SeedAsync(TimeProvider time) =>
        DemoDatabaseSeeder.SeedAsync(ConnectionString, contentRoot, time, CancellationToken.None).WaitAsync(SqlTestHost.Bound);

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(contentRoot, "data", "demo.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*), MIN(occurred_at_ms), MAX(occurred_at_ms), TOTAL(amount * id), (SELECT group_concat(kind) FROM (SELECT DISTINCT kind FROM demo_events ORDER BY kind))
            FROM demo_events
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new Snapshot(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetString(4).Split(','));
    }

    /// <summary>Enough of the table to tell two fillings apart (the checksum weighs amounts by id).</summary>
    private sealed record Snapshot(int Count, long Oldest, long Newest, double Checksum, string[] Kinds)
    {
        public bool Equals(Snapshot? other) => other is not null && Count == other.Count && Oldest == other.Oldest
            && Newest == other.Newest && Checksum == other.Checksum && Kinds.SequenceEqual(other.Kinds);

        public override int GetHashCode() => HashCode.Combine(Count, Oldest, Newest, Checksum);
    }
}
