using Dashboard.Sources;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Sql;

/// <summary>What PostgreSQL itself refuses to a SQL source, whatever the query text: a query is one statement in a
/// READ ONLY transaction, bounded by the source's timeout on the server. The queries below got writes past the old
/// keyword check (E'\'' and nested comments hide text from it) and past the read-only transaction (by ending it).</summary>
public sealed class PostgresReadOnlyEnforcementTests(SqlPostgresSchemaFixture db) : IClassFixture<SqlPostgresSchemaFixture>
{
    private SqlTestHost NewHost() => new(Path.GetTempPath(), SqlTestHost.Connection("pg", "postgres", db.ConnectionString));

    [PostgresTheory]
    [InlineData("SELECT E'\\''; COMMIT; BEGIN READ WRITE; DELETE FROM items WHERE id = 1; COMMIT; --'")] // \' escapes the quote
    [InlineData("/* /* */ SELECT ' */ SET TRANSACTION READ WRITE; DELETE FROM items WHERE id = 2; COMMIT; SELECT '1'")] // comments nest
    public async Task Text_hiding_a_commit_and_a_writable_transaction_deletes_nothing(string query)
    {
        await using var host = NewHost();

        var refused = await Record.ExceptionAsync(() => host.FetchAsync(SqlTestHost.Source("pg", query)));

        Assert.Equal(SqlPostgresSchemaFixture.ItemCount, (await host.ValueAsync("pg", "SELECT COUNT(*) FROM items")).Number);
        Assert.Equal("SQL error: the query must be a single statement", Assert.IsType<SourceFailureException>(refused).Reason);
    }

    [PostgresFact]
    public async Task A_second_statement_is_refused_also_when_the_query_has_parameters()
    {
        await using var host = NewHost();
        var options = SqlTestHost.Source(
            "pg",
            "SELECT COUNT(*) FROM items WHERE id > @after; COMMIT; BEGIN READ WRITE; DELETE FROM items WHERE id = 3; COMMIT",
            parameters: new() { ["after"] = "0" });

        var refused = await Record.ExceptionAsync(() => host.FetchAsync(options));

        Assert.Equal(SqlPostgresSchemaFixture.ItemCount, (await host.ValueAsync("pg", "SELECT COUNT(*) FROM items")).Number);
        Assert.Equal("SQL error: the query must be a single statement", Assert.IsType<SourceFailureException>(refused).Reason);
    }

    [PostgresFact]
    public async Task The_source_timeout_is_the_servers_statement_timeout_for_that_query_only()
    {
        await using var host = NewHost();

        var value = await host.FetchAsync(SqlTestHost.Source("pg", "SELECT current_setting('statement_timeout')", timeout: TimeSpan.FromSeconds(3)));

        Assert.Equal("3s", value.Value.Text);
        // A trailing ';' is still one statement.
        Assert.Equal(SqlPostgresSchemaFixture.ItemCount, (await host.ValueAsync("pg", "SELECT COUNT(*) FROM items;")).Number);
    }
}
