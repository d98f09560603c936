using System.Diagnostics;
using Dashboard.Sources;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Sql;

public sealed class PostgresSqlSourceTests(SqlPostgresSchemaFixture db) : IClassFixture<SqlPostgresSchemaFixture>
{
    private SqlTestHost NewHost(string? connectionString = null) =>
        new(Path.GetTempPath(), SqlTestHost.Connection("pg", "postgres", connectionString ?? db.ConnectionString));

    [PostgresFact]
    public async Task Scalar_count_and_numeric_sum_are_numbers_and_text_stays_text()
    {
        await using var host = NewHost();

        Assert.Equal(SqlPostgresSchemaFixture.ItemCount, (await host.ValueAsync("pg", "SELECT COUNT(*) FROM items")).Number);
        Assert.Equal(487.5, (await host.ValueAsync("pg", "SELECT SUM(price) FROM items")).Number);
        Assert.Equal("item 3", (await host.ValueAsync("pg", "SELECT name FROM items WHERE id = 3")).Text);
    }

    [PostgresFact]
    public async Task Series_maps_label_and_value_per_row()
    {
        await using var host = NewHost();

        var value = await host.ValueAsync("pg", "SELECT to_char(day, 'YYYY-MM-DD'), value FROM metrics ORDER BY day", ValueShape.Series);

        Assert.Equal([new("2026-01-01", 3), new("2026-01-02", 5), new("2026-01-03", 8)], value.Points!);
    }

    [PostgresFact]
    public async Task Table_is_capped_and_renders_cells_invariantly()
    {
        await using var host = NewHost();

        var table = (await host.ValueAsync("pg", "SELECT id, name, price, created_at, note, day FROM items CROSS JOIN (SELECT min(day) AS day FROM metrics) m ORDER BY id", ValueShape.Table, maxRows: 5)).Table!;

        Assert.Equal(["id", "name", "price", "created_at", "note", "day"], table.Columns);
        Assert.Equal(5, table.Rows.Count);
        Assert.True(table.Truncated);
        Assert.Equal(["1", "item 1", "1.50", "2026-01-01T01:00:00Z", null, "2026-01-01"], table.Rows[0]);
    }

    [PostgresFact]
    public async Task The_time_range_is_bound_as_timestamptz_and_interval()
    {
        await using var host = NewHost();
        var options = SqlTestHost.Source("pg", """
            SELECT pg_typeof(@from)::text || '|' || pg_typeof(@to)::text || '|' || pg_typeof(@interval)::text
              || '|' || extract(epoch FROM @to - @from)::bigint || '|' || extract(epoch FROM @interval)::bigint
              || '|' || to_char(@from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
              || '|' || (SELECT COUNT(*) FROM items WHERE created_at >= @from - interval '1 year')
            """);

        var value = (await host.FetchAsync(options, TestContext.Current.CancellationToken, TestWindows.Hour)).Value;

        Assert.Equal($"timestamp with time zone|timestamp with time zone|interval|3600|15|2026-12-05T13:00:00|{SqlPostgresSchemaFixture.ItemCount}", value.Text);
    }

    [PostgresFact]
    public async Task Text_parameters_are_typed_by_the_server_from_context()
    {
        await using var host = NewHost();
        var options = SqlTestHost.Source(
            "pg",
            "SELECT id FROM items WHERE id > @after AND price < @below ORDER BY id LIMIT @n",
            ValueShape.Table,
            parameters: new() { ["after"] = "2", ["below"] = "30", ["n"] = "3" });

        var table = (await host.FetchAsync(options)).Value.Table!;

        Assert.Equal(["3", "4", "5"], table.Rows.Select(r => r[0]));
    }

    [PostgresFact]
    public async Task Insert_is_rejected_by_the_read_only_transaction()
    {
        await using var host = NewHost();

        var failure = await host.FailureAsync(SqlTestHost.Source("pg", "INSERT INTO items VALUES (100, 'x', 1, now())"));

        Assert.Equal("SQL error 25006: cannot execute INSERT in a read-only transaction", failure.Reason);
        Assert.False(failure.Transient);
    }

    [PostgresFact]
    public async Task Ending_the_read_only_transaction_does_not_open_a_writable_one()
    {
        await using var host = NewHost();

        var failure = await host.FailureAsync(SqlTestHost.Source("pg", "COMMIT; DELETE FROM items", ValueShape.Table));

        Assert.Equal("SQL error: the query must be a single statement", failure.Reason);
        Assert.Equal(SqlPostgresSchemaFixture.ItemCount, (await host.ValueAsync("pg", "SELECT COUNT(*) FROM items")).Number);
    }

    [PostgresFact]
    public async Task Statement_past_the_command_timeout_fails_quickly_with_a_transient_reason()
    {
        await using var host = NewHost();
        var clock = Stopwatch.StartNew();

        var failure = await host.FailureAsync(SqlTestHost.Source("pg", "SELECT pg_sleep(30)", timeout: TimeSpan.FromSeconds(1)));

        Assert.Equal("SQL timeout after 1 s", failure.Reason);
        Assert.True(failure.Transient);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(1, (await host.ValueAsync("pg", "SELECT 1")).Number);
    }

    [PostgresFact]
    public async Task Cancelling_stops_a_running_statement()
    {
        await using var host = NewHost();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.FetchAsync(SqlTestHost.Source("pg", "SELECT pg_sleep(30)"), cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [PostgresFact]
    public async Task Bad_sql_reason_has_the_sqlstate_and_no_connection_string()
    {
        await using var host = NewHost();

        var failure = await host.FailureAsync(SqlTestHost.Source("pg", "SELECT * FROM nope"));

        Assert.Equal("SQL error 42P01: relation \"nope\" does not exist", failure.Reason);
        Assert.DoesNotContain("Password", failure.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(db.Schema, failure.Reason);
    }

    [PostgresFact]
    public async Task Session_runs_in_a_read_only_transaction()
    {
        await using var host = NewHost();
        await using var session = await host.Connections.OpenReadOnlyAsync("pg", TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(SqlTestHost.Bound);
        await using var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = "SHOW transaction_read_only";

        Assert.NotNull(session.Transaction);
        Assert.Equal("on", await command.ExecuteScalarAsync().WaitAsync(SqlTestHost.Bound));
    }

    [PostgresFact]
    public async Task Changed_connection_settings_rebuild_the_pool_without_breaking_open_sessions()
    {
        await using var host = NewHost();
        Assert.Equal(SqlPostgresSchemaFixture.ItemCount, (await host.ValueAsync("pg", "SELECT COUNT(*) FROM items")).Number);
        await using var before = await host.Connections.OpenReadOnlyAsync("pg", TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(SqlTestHost.Bound);

        host.Configuration["Dashboard:Connections:pg:ConnectionString"] = db.WithSearchPath(db.Schema + "_b");
        host.Configuration.Reload();

        Assert.Equal(2, (await host.ValueAsync("pg", "SELECT COUNT(*) FROM items")).Number);
        await using var command = before.Connection.CreateCommand();
        command.Transaction = before.Transaction;
        command.CommandText = "SELECT COUNT(*) FROM items";
        Assert.Equal((long)SqlPostgresSchemaFixture.ItemCount, await command.ExecuteScalarAsync().WaitAsync(SqlTestHost.Bound));
    }

    [Fact]
    public async Task Unreachable_server_is_a_transient_failure_without_the_connection_string()
    {
        await using var host = NewHost("Host=127.0.0.1;Port=1;Username=u;Password=hunter2;Database=d;Timeout=2");

        var failure = await host.FailureAsync(SqlTestHost.Source("pg", "SELECT 1"));

        Assert.True(failure.Transient);
        Assert.StartsWith("cannot reach the database of connection 'pg'", failure.Reason);
        Assert.DoesNotContain("hunter2", failure.Reason);
    }
}
