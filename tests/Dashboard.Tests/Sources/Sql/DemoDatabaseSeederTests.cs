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
    public async Task Seeding_creates_the_folder_and_thirty_days_of_rows_once_and_later_adds_only_the_minutes_since()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 30, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);

        Assert.True(await SeedAsync(time));
        var first = await SnapshotAsync();
        Assert.False(await SeedAsync(time));
        Assert.Equal(first, await SnapshotAsync());
        Assert.True(File.Exists(Path.Combine(contentRoot, "data", "demo.db")));

        // About 0.85 events a minute over 30 days, none in the minute under way, every kind.
        Assert.InRange(first.Count, 30_000, 45_000);
        Assert.InRange(first.Oldest, now.AddDays(-30).AddMinutes(-1).ToUnixTimeMilliseconds(), now.AddDays(-30).AddMinutes(10).ToUnixTimeMilliseconds());
        Assert.InRange(first.Newest, now.AddMinutes(-10).ToUnixTimeMilliseconds(), new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() - 1);
        Assert.Equal(["order", "refund", "signup", "support"], first.Kinds);

        // An hour later: that hour's events are added, the oldest hour's dropped.
        time.Advance(TimeSpan.FromHours(1));
        Assert.True(await SeedAsync(time));
        var later = await SnapshotAsync();
        Assert.InRange(later.Newest, now.AddMinutes(50).ToUnixTimeMilliseconds(), now.AddHours(1).ToUnixTimeMilliseconds());
        Assert.True(later.Oldest > first.Oldest);
    }

    [Fact]
    public async Task A_table_topped_up_minute_by_minute_equals_one_filled_at_once()
    {
        var start = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        await SeedAsync(time);
        for (var i = 0; i < 30; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await SeedAsync(time);
        }

        var topped = await SnapshotAsync();
        Dispose();
        await SeedAsync(new FakeTimeProvider(start.AddMinutes(30)));

        Assert.Equal(await SnapshotAsync(), topped);
    }

    [Fact]
    public async Task Concurrent_seeders_fill_the_table_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

        // Task.Run: SQLite's async calls complete synchronously, so this is what makes the two overlap.
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => SeedAsync(time))));

        Assert.Single(results, filled => filled);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(contentRoot, "data", "demo.db")};Mode=ReadOnly");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) - COUNT(DISTINCT occurred_at_ms || kind) FROM demo_events";
        Assert.Equal(0L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_demo_file_of_the_former_layout_is_refilled()
    {
        Directory.CreateDirectory(Path.Combine(contentRoot, "data"));
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(contentRoot, "data", "demo.db")}"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE demo_events (id INTEGER PRIMARY KEY, occurred_at_ms BIGINT NOT NULL, kind TEXT NOT NULL, amount REAL NOT NULL);
                INSERT INTO demo_events VALUES (1, 1772366400000, 'order', 10), (2, 1772366400001, 'order', 20);
                """;
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await SeedAsync(new FakeTimeProvider(now));
        var refilled = await SnapshotAsync();
        Dispose();
        await SeedAsync(new FakeTimeProvider(now));

        Assert.Equal(await SnapshotAsync(), refilled);
    }

    [Fact]
    public async Task Demo_queries_return_sensible_values_through_a_sql_source()
    {
        // SQLite's clock drives the demo queries, so seed relative to the real now.
        await SeedAsync(TimeProvider.System);
        await using var host = new SqlTestHost(contentRoot, SqlTestHost.Connection("demo", "sqlite", ConnectionString));

        var orders = await host.ValueAsync("demo", DemoQueries.OrdersLast24Hours);
        // 45% of about 1,200 events a day.
        Assert.InRange(orders.Number!.Value, 300, 800);

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

    [Theory]
    [InlineData(15)]
    [InlineData(60)]
    [InlineData(6 * 60)]
    [InlineData(24 * 60)]
    [InlineData(7 * 24 * 60)]
    [InlineData(30 * 24 * 60)]
    public async Task Orders_per_hour_follows_the_time_range_with_a_row_per_bucket_for_every_preset(int minutes)
    {
        await SeedAsync(TimeProvider.System);
        await using var host = new SqlTestHost(contentRoot, SqlTestHost.Connection("demo", "sqlite", ConnectionString));
        var window = Dashboard.TimeRanges.TimeRangeResolver.Resolve(Dashboard.TimeRanges.TimeRange.Last(TimeSpan.FromMinutes(minutes)), DateTimeOffset.UtcNow);

        var table = (await host.FetchAsync(SqlTestHost.Source("demo", DemoQueries.OrdersPerHour, ValueShape.Table, maxRows: 400), TestContext.Current.CancellationToken, window)).Value.Table!;

        Assert.Equal(["at", "orders_per_hour"], table.Columns);
        var expected = (int)((window.To - window.From) / window.Interval);
        Assert.InRange(table.Rows.Count, expected - 1, expected);
        Assert.Equal(window.From.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), table.Rows[0][0]);
        var rates = table.Rows.Select(r => double.Parse(r[1]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(rates, r => Assert.InRange(r, 0, 200));
        Assert.True(rates.Average() > 3, $"average {rates.Average()} orders per hour over {minutes} min");
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
