using System.Diagnostics;
using Dashboard.Sources;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Sources.Sql;

public sealed class SqliteSqlSourceTests(SqliteTestDatabase db) : IClassFixture<SqliteTestDatabase>
{
    // Runs for minutes unless interrupted: one long step, not many rows, so only sqlite3_interrupt can stop it.
    private const string SlowQuery = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000000000) SELECT COUNT(*) FROM n";

    private SqlTestHost Host => db.Host;

    [Fact]
    public async Task The_time_range_is_bound_as_iso_text_and_whole_seconds_which_sqlite_date_functions_read()
    {
        var options = SqlTestHost.Source("test", """
            SELECT @from || '|' || @to || '|' || @interval || '|' || typeof(@interval) || '|' || (unixepoch(@to) - unixepoch(@from))
              || '|' || (SELECT COUNT(*) FROM items WHERE id < @interval)
            """);

        var value = (await Host.FetchAsync(options, TestContext.Current.CancellationToken, TestWindows.Hour)).Value;

        Assert.Equal("2026-12-05T13:00:00Z|2026-12-05T14:00:00Z|15|integer|3600|14", value.Text);
    }

    [Fact]
    public async Task A_configured_parameter_named_like_the_time_range_is_refused()
    {
        var options = SqlTestHost.Source("test", "SELECT @from", parameters: new() { ["@from"] = "x" });

        var failure = await Host.FailureAsync(options);

        Assert.Contains("reserved", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scalar_count_is_a_number()
    {
        var value = await Host.ValueAsync("test", "SELECT COUNT(*) FROM items");

        Assert.Equal(ValueShape.Scalar, value.Shape);
        Assert.Equal(SqliteTestDatabase.ItemCount, value.Number);
    }

    [Fact]
    public async Task Scalar_real_is_a_number_and_text_stays_text()
    {
        Assert.Equal(487.5, (await Host.ValueAsync("test", "SELECT SUM(price) FROM items")).Number);

        var text = await Host.ValueAsync("test", "SELECT name FROM items WHERE id = 3");
        Assert.Null(text.Number);
        Assert.Equal("item 3", text.Text);
    }

    [Fact]
    public async Task Scalar_without_rows_or_with_null_fails_with_reason()
    {
        var none = await Host.FailureAsync(SqlTestHost.Source("test", "SELECT id FROM items WHERE id < 0"));
        Assert.Equal("query returned no rows", none.Reason);
        Assert.False(none.Transient);

        var nullValue = await Host.FailureAsync(SqlTestHost.Source("test", "SELECT note FROM items WHERE id = 1"));
        Assert.StartsWith("query returned NULL", nullValue.Reason);
    }

    [Fact]
    public async Task Series_maps_label_and_value_per_row()
    {
        var value = await Host.ValueAsync("test", "SELECT day, value FROM metrics ORDER BY day", ValueShape.Series);

        Assert.Equal(
            [new("2026-01-01", 3), new("2026-01-02", 5), new("2026-01-03", 8)],
            value.Points!);
    }

    [Fact]
    public async Task Series_of_one_column_has_no_labels_and_three_columns_fail()
    {
        var values = await Host.ValueAsync("test", "SELECT value FROM metrics ORDER BY day", ValueShape.Series);
        Assert.Equal([3d, 5d, 8d], values.Points!.Select(p => p.Y));
        Assert.All(values.Points!, p => Assert.Null(p.X));

        var failure = await Host.FailureAsync(SqlTestHost.Source("test", "SELECT day, value, 1 FROM metrics", ValueShape.Series));
        Assert.Contains("1 or 2 columns", failure.Reason);
    }

    [Fact]
    public async Task Table_is_capped_at_max_rows_and_marked_truncated()
    {
        var result = await Host.FetchAsync(SqlTestHost.Source("test", "SELECT id, name, price, note FROM items ORDER BY id", ValueShape.Table, maxRows: 10), TestContext.Current.CancellationToken);
        var table = result.Value.Table!;

        Assert.Equal(["id", "name", "price", "note"], table.Columns);
        Assert.Equal(10, table.Rows.Count);
        Assert.True(table.Truncated);
        Assert.Equal(["1", "item 1", "1.5", null], table.Rows[0]);
        Assert.StartsWith("id\tname\tprice\tnote\n1\titem 1\t1.5\tNULL", result.RawPreview);
    }

    [Fact]
    public async Task Table_exactly_at_the_cap_is_not_truncated_and_empty_table_keeps_columns()
    {
        var full = (await Host.ValueAsync("test", "SELECT id FROM items", ValueShape.Table, maxRows: SqliteTestDatabase.ItemCount)).Table!;
        Assert.Equal(SqliteTestDatabase.ItemCount, full.Rows.Count);
        Assert.False(full.Truncated);

        var empty = (await Host.ValueAsync("test", "SELECT id, name FROM items WHERE id < 0", ValueShape.Table)).Table!;
        Assert.Equal(["id", "name"], empty.Columns);
        Assert.Empty(empty.Rows);
    }

    [Fact]
    public async Task Parameters_are_bound_by_name_with_or_without_prefix()
    {
        var options = SqlTestHost.Source(
            "test",
            "SELECT COUNT(*) FROM items WHERE price > @min AND name LIKE @pattern",
            parameters: new() { ["min"] = "30", ["@pattern"] = "item 2%" });

        // Items 21..25 have price > 30 and names starting "item 2".
        Assert.Equal(5, (await Host.FetchAsync(options, TestContext.Current.CancellationToken)).Value.Number);
    }

    [Fact]
    public async Task Missing_parameter_value_fails_with_reason()
    {
        var failure = await Host.FailureAsync(SqlTestHost.Source("test", "SELECT COUNT(*) FROM items WHERE price > @min"));

        Assert.Equal("SQL error: the query uses a parameter that has no value under Parameters", failure.Reason);
        Assert.False(failure.Transient);
    }

    [Fact]
    public async Task Bad_sql_reason_is_the_database_message_without_the_connection_string()
    {
        var failure = await Host.FailureAsync(SqlTestHost.Source("test", "SELECT * FROM nope"));

        Assert.Equal("SQL error: no such table: nope", failure.Reason);
        Assert.False(failure.Transient);
        Assert.DoesNotContain("test.db", failure.Reason);
        Assert.DoesNotContain("Data Source", failure.Reason);
    }

    [Theory]
    [InlineData("INSERT INTO items (id, name, price) VALUES (100, 'x', 1)")]
    [InlineData("UPDATE items SET price = 0")]
    [InlineData("CREATE TABLE sneaky (x INTEGER)")]
    public async Task Writes_are_rejected_by_the_read_only_connection(string statement)
    {
        var failure = await Host.FailureAsync(SqlTestHost.Source("test", statement, ValueShape.Table));

        Assert.Contains("readonly database", failure.Reason);
        Assert.Equal(SqliteTestDatabase.ItemCount, (await Host.ValueAsync("test", "SELECT COUNT(*) FROM items WHERE price > 0")).Number);
    }

    [Fact]
    public async Task A_write_after_the_first_result_set_never_runs()
    {
        // Microsoft.Data.Sqlite runs later statements only when asked for the next result, which a source never does;
        // were it to, the read-only connection would refuse the write anyway (see above).
        var value = await Host.ValueAsync("test", "SELECT COUNT(*) FROM items; DELETE FROM items");

        Assert.Equal(SqliteTestDatabase.ItemCount, value.Number);
        Assert.Equal(SqliteTestDatabase.ItemCount, (await Host.ValueAsync("test", "SELECT COUNT(*) FROM items")).Number);
    }

    [Fact]
    public async Task Cancelling_interrupts_a_long_statement_promptly()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Host.FetchAsync(SqlTestHost.Source("test", SlowQuery), cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        // The interrupt stopped that statement only: the next query works.
        Assert.Equal(SqliteTestDatabase.ItemCount, (await Host.ValueAsync("test", "SELECT COUNT(*) FROM items")).Number);
    }

    [Fact]
    public async Task An_already_cancelled_token_fails_at_once()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Host.FetchAsync(SqlTestHost.Source("test", "SELECT 1"), new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Command_timeout_stops_a_long_statement_with_a_transient_reason()
    {
        var clock = Stopwatch.StartNew();

        var failure = await Host.FailureAsync(SqlTestHost.Source("test", SlowQuery, timeout: TimeSpan.FromSeconds(1)));

        Assert.Equal("SQL timeout after 1 s", failure.Reason);
        Assert.True(failure.Transient);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Connection_string_may_be_a_secret_reference()
    {
        Assert.Equal(SqliteTestDatabase.ItemCount, (await Host.ValueAsync("via-secret", "SELECT COUNT(*) FROM items")).Number);
    }

    [Fact]
    public async Task Unknown_connection_and_missing_file_fail_with_safe_reasons()
    {
        var unknown = await Host.FailureAsync(SqlTestHost.Source("nope", "SELECT 1"));
        Assert.Equal("unknown connection 'nope'", unknown.Reason);

        var missing = await Host.FailureAsync(SqlTestHost.Source("missing", "SELECT 1"));
        Assert.Equal("SQL error: unable to open database file", missing.Reason);
        Assert.True(missing.Transient);
    }

    [Fact]
    public async Task Configuration_problems_fail_with_reasons()
    {
        var noSql = new SourceOptions { Name = "x", Kind = "sql" };
        Assert.Equal("sql source has no 'Sql' settings", (await Host.FailureAsync(noSql)).Reason);
        Assert.Equal("sql source has no query", (await Host.FailureAsync(SqlTestHost.Source("test", " "))).Reason);
        Assert.StartsWith("sql source's CommandTimeout", (await Host.FailureAsync(SqlTestHost.Source("test", "SELECT 1", timeout: TimeSpan.FromDays(30)))).Reason);
        Assert.StartsWith("sql source's MaxRows", (await Host.FailureAsync(SqlTestHost.Source("test", "SELECT 1", ValueShape.Table, maxRows: 0))).Reason);
    }

    [Fact]
    public async Task Session_on_sqlite_is_read_only_without_a_transaction()
    {
        await using var session = await Host.Connections.OpenReadOnlyAsync("TEST", TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(SqlTestHost.Bound, TestContext.Current.CancellationToken);

        Assert.Null(session.Transaction);
        Assert.Contains("Mode=ReadOnly", ((SqliteConnection)session.Connection).ConnectionString);
    }
}
