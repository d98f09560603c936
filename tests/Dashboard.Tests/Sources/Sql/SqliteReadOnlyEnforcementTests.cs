using Dashboard.Sources;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Sources.Sql;

/// <summary>What the database itself refuses to a SQLite source, whatever the query text (the admin keyword check is
/// only a friendly first message and can be fooled).</summary>
public sealed class SqliteReadOnlyEnforcementTests(SqliteTestDatabase db) : IClassFixture<SqliteTestDatabase>
{
    private SqlTestHost Host => db.Host;

    [Fact]
    public async Task Attach_is_refused_so_a_query_cannot_read_another_database_file()
    {
        var other = Path.Combine(db.ContentRoot, $"other-{Guid.NewGuid():N}.db");
        await using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE data_protection_keys (xml TEXT); INSERT INTO data_protection_keys VALUES ('<masterKey>secret</masterKey>')";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var failure = await Host.FailureAsync(SqlTestHost.Source("test", $"ATTACH '{other}' AS storage; SELECT xml FROM storage.data_protection_keys"));

        Assert.Contains("attached", failure.Reason);
        Assert.DoesNotContain("secret", failure.Reason);
    }

    [Fact]
    public async Task Vacuum_into_cannot_write_a_copy_of_the_database_anywhere()
    {
        var copy = Path.Combine(db.ContentRoot, $"copy-{Guid.NewGuid():N}.db");

        // query_only is only the connection's default: the query can turn it off itself, so it cannot be what protects.
        await Assert.ThrowsAsync<SourceFailureException>(() => Host.FetchAsync(SqlTestHost.Source("test", $"PRAGMA query_only = OFF; VACUUM INTO '{copy}'; SELECT 1 AS [a']"), TestContext.Current.CancellationToken));

        Assert.False(File.Exists(copy), "VACUUM INTO wrote a file");
    }

    [Fact]
    public async Task Temporary_objects_a_query_creates_do_not_reach_the_next_query()
    {
        // A TEMP view named like a table would shadow it for every later query on a reused (pooled) connection.
        var poisoned = await Host.ValueAsync("test", "PRAGMA query_only = OFF; CREATE TEMP VIEW items AS SELECT 1 AS id; SELECT COUNT(*) FROM items");
        Assert.Equal(1, poisoned.Number);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SqliteTestDatabase.ItemCount, (await Host.ValueAsync("test", "SELECT COUNT(*) FROM items")).Number);
        }
    }
}
