using Dashboard.Tests.Support;
using Npgsql;

namespace Dashboard.Tests.Sources.Sql;

/// <summary>A throw-away schema <c>t_&lt;random&gt;</c> in the <c>DASHBOARD_TEST_POSTGRES</c> database with known
/// rows, dropped afterwards; <see cref="ConnectionString"/> selects it through <c>Search Path</c>.
/// xunit builds class fixtures even when every test is skipped, so an unset variable is tolerated here
/// and only reported when a test actually asks for the database.</summary>
public sealed class SqlPostgresSchemaFixture : IAsyncLifetime
{
    public const int ItemCount = 25;

    private string? connectionString;

    public string Schema { get; } = "t_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString => connectionString ?? throw new InvalidOperationException(
        $"{PostgresTestDatabase.EnvironmentVariable} is not set, but CI=true requires the PostgreSQL tests to run: "
        + "start PostgreSQL and set it to a connection string.");

    /// <summary>The same database with a different search path (a second schema), for reload tests.</summary>
    public string WithSearchPath(string schema) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        if (PostgresTestDatabase.ServerConnectionString is not { } server)
        {
            return;
        }

        await ExecuteAsync(server, $"""
            CREATE SCHEMA {Schema};
            SET search_path = {Schema};
            CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, price numeric(10, 2) NOT NULL,
                created_at timestamptz NOT NULL, note text);
            INSERT INTO items SELECT i, 'item ' || i, i * 1.5, timestamptz '2026-01-01 00:00:00+00' + i * interval '1 hour', NULL
                FROM generate_series(1, {ItemCount}) AS i;
            CREATE TABLE metrics (day date NOT NULL, value integer NOT NULL);
            INSERT INTO metrics VALUES ('2026-01-01', 3), ('2026-01-02', 5), ('2026-01-03', 8);
            CREATE SCHEMA {Schema}_b;
            CREATE TABLE {Schema}_b.items (id integer PRIMARY KEY);
            INSERT INTO {Schema}_b.items VALUES (1), (2);
            """);
        connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = Schema }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (PostgresTestDatabase.ServerConnectionString is { } server && connectionString is not null)
        {
            await ExecuteAsync(server, $"DROP SCHEMA IF EXISTS {Schema} CASCADE; DROP SCHEMA IF EXISTS {Schema}_b CASCADE");
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        // No pooling: this admin connection should not linger after the fixture.
        var builder = new NpgsqlConnectionStringBuilder(server) { Pooling = false, Timeout = 5 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync().WaitAsync(SqlTestHost.Bound);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().WaitAsync(SqlTestHost.Bound);
    }
}
