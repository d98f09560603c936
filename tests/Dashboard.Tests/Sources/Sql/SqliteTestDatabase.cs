using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Sources.Sql;

/// <summary>A temporary folder (the content root) holding <c>test.db</c> with known rows, plus a host whose
/// connection <c>test</c> names the file relatively and <c>via-secret</c> through a secret reference.</summary>
public sealed class SqliteTestDatabase : IAsyncLifetime
{
    public const int ItemCount = 25;

    public string ContentRoot { get; } = Path.Combine(Path.GetTempPath(), "dashboard-sql-" + Guid.NewGuid().ToString("N")[..12]);

    public string FilePath => Path.Combine(ContentRoot, "test.db");

    internal SqlTestHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ContentRoot);
        await using (var connection = new SqliteConnection($"Data Source={FilePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL, note TEXT);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25)
                INSERT INTO items (id, name, price, note) SELECT i, 'item ' || i, i * 1.5, NULL FROM n;
                CREATE TABLE metrics (day TEXT NOT NULL, value INTEGER);
                INSERT INTO metrics VALUES ('2026-01-01', 3), ('2026-01-02', 5), ('2026-01-03', 8);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var settings = SqlTestHost.Connection("test", "sqlite", "Data Source=test.db");
        foreach (var (key, value) in SqlTestHost.Connection("via-secret", "SQLite", "{secret:TEST_SQLITE_DB}"))
        {
            settings[key] = value;
        }

        settings["Secrets:TEST_SQLITE_DB"] = "Data Source=test.db";
        foreach (var (key, value) in SqlTestHost.Connection("missing", "sqlite", "Data Source=missing/nothing.db"))
        {
            settings[key] = value;
        }

        Host = new SqlTestHost(ContentRoot, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        // Pooled SQLite connections keep the file open; only idle ones are closed, so this is safe beside other tests.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(ContentRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
