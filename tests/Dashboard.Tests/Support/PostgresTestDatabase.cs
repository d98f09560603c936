using Npgsql;

namespace Dashboard.Tests.Support;

/// <summary>A fresh PostgreSQL database per test class (use as <c>IClassFixture&lt;PostgresTestDatabase&gt;</c>),
/// created on the server named by <c>DASHBOARD_TEST_POSTGRES</c> and dropped afterwards, so classes can run in
/// parallel and leave nothing behind. Pair its tests with <see cref="PostgresFactAttribute"/>.</summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    public const string EnvironmentVariable = "DASHBOARD_TEST_POSTGRES";

    public const string NotConfiguredMessage =
        "PostgreSQL not configured: set DASHBOARD_TEST_POSTGRES=<connection string> to run storage tests against PostgreSQL";

    private readonly List<string> databases = [];
    private string? connectionString;

    /// <summary>The server connection string from the environment, or null.</summary>
    public static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Why PostgreSQL tests are skipped, or null when they run: skipped only when the server is not
    /// configured and this is not CI (CI=true must never silently skip them).</summary>
    public static string? SkipReason =>
        ServerConnectionString is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? NotConfiguredMessage
            : null;

    /// <summary>The connection string of this fixture's fresh database.</summary>
    public string ConnectionString => connectionString ?? throw NotConfigured();

    public async ValueTask InitializeAsync()
    {
        // Unconfigured: nothing to create. Skipped tests never ask for the database; under CI the tests that
        // do ask fail on it, while a class's other tests are unaffected.
        if (ServerConnectionString is not null)
        {
            connectionString = await CreateDatabaseAsync();
        }
    }

    /// <summary>Another fresh database, dropped together with this fixture's (for tests that need an untouched one).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var server = ServerConnectionString ?? throw NotConfigured();
        var name = $"dashboard_t_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        lock (databases)
        {
            databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (ServerConnectionString is not { } server)
        {
            return;
        }

        foreach (var name in databases)
        {
            // Close idle pooled connections tests opened with new NpgsqlConnection (else they linger dead in the pool);
            // FORCE ends any connection still open, e.g. a store a test did not dispose.
            using (var pooled = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static InvalidOperationException NotConfigured() => new(SkipReason is null
        ? $"CI=true, so PostgreSQL tests are not skipped, but {EnvironmentVariable} is not set. {NotConfiguredMessage}"
        : NotConfiguredMessage);

    private static async Task ExecuteOnServerAsync(string sql)
    {
        // Via the maintenance database, unpooled: a database cannot be dropped over a connection to itself.
        var admin = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 30 };
        await command.ExecuteNonQueryAsync();
    }
}
