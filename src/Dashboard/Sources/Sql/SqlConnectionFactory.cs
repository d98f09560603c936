using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Sources.Sql;

/// <summary>Singleton that opens read-only sessions. PostgreSQL connections come from one cached
/// <see cref="NpgsqlDataSource"/> (a pool) per named connection, rebuilt when that connection's settings or
/// its resolved secret change; SQLite files are opened with <c>Mode=ReadOnly</c>.</summary>
public sealed class SqlConnectionFactory : ISqlConnectionFactory, IAsyncDisposable
{
    // Belt and braces with the READ ONLY transaction: a query that ends that transaction itself
    // ("COMMIT; INSERT ...") still runs in a session whose transactions default to read-only.
    // A database role with only SELECT rights remains the real boundary.
    private const string ReadOnlySessionOption = "-c default_transaction_read_only=on";

    private readonly IOptionsMonitor<SqlConnectionsOptions> options;
    private readonly ISecretResolver secrets;
    private readonly string contentRootPath;
    private readonly Lock gate = new();
    private readonly Dictionary<string, PooledDataSource> dataSources = new(StringComparer.OrdinalIgnoreCase);
    private bool disposed;

    /// <param name="contentRootPath">Base folder for relative SQLite <c>Data Source</c> paths.</param>
    public SqlConnectionFactory(IOptionsMonitor<SqlConnectionsOptions> options, ISecretResolver secrets, string contentRootPath)
    {
        this.options = options;
        this.secrets = secrets;
        this.contentRootPath = contentRootPath;
    }

    public async Task<ReadOnlySqlSession> OpenReadOnlyAsync(string connectionName, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var (provider, connectionString) = Resolve(connectionName);
        try
        {
            return provider == SqlProvider.Postgres
                ? await OpenPostgresAsync(connectionName, connectionString, cancellationToken)
                : await OpenSqliteAsync(connectionName, connectionString, cancellationToken);
        }
        catch (DbException ex) when (!cancellationToken.IsCancellationRequested && !SqlErrors.IsCancellation(ex))
        {
            throw SqlErrors.ToFailure(ex, connectionName)!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<NpgsqlDataSource> toDispose;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            toDispose = dataSources.Values.Select(d => d.DataSource).ToList();
            dataSources.Clear();
        }

        foreach (var dataSource in toDispose)
        {
            await dataSource.DisposeAsync();
        }
    }

    private (SqlProvider Provider, string ConnectionString) Resolve(string connectionName)
    {
        var settings = Find(options.CurrentValue.Connections, connectionName)
            ?? throw SourceFailureException.Misconfigured($"unknown connection '{connectionName}'");

        var provider = ParseProvider(settings.Provider, connectionName);
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw SourceFailureException.Misconfigured($"connection '{connectionName}' has no connection string");
        }

        // Resolved on every open, so a rotated secret takes effect without a restart.
        return (provider, secrets.Resolve(settings.ConnectionString));
    }

    private static SqlProvider ParseProvider(string? provider, string connectionName) => provider?.Trim().ToLowerInvariant() switch
    {
        "sqlite" => SqlProvider.Sqlite,
        "postgres" or "postgresql" => SqlProvider.Postgres,
        _ => throw SourceFailureException.Misconfigured($"unknown provider '{provider}' for connection '{connectionName}' (use sqlite or postgres)"),
    };

    // The binder may replace the dictionary (and its comparer), so fall back to a case-insensitive scan.
    private static SqlConnectionOptions? Find(Dictionary<string, SqlConnectionOptions> all, string name) =>
        string.IsNullOrWhiteSpace(name) ? null
        : all.TryGetValue(name, out var found) ? found
        : all.FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private async Task<ReadOnlySqlSession> OpenPostgresAsync(string name, string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await GetDataSource(name, connectionString).OpenConnectionAsync(cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // Lost a race with a settings change that retired this pool; the next lookup finds the new one.
            connection = await GetDataSource(name, connectionString).OpenConnectionAsync(cancellationToken);
        }

        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var command = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return new ReadOnlySqlSession(name, SqlProvider.Postgres, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private NpgsqlDataSource GetDataSource(string name, string connectionString)
    {
        PooledDataSource? stale;
        NpgsqlDataSource current;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (dataSources.TryGetValue(name, out stale) && stale.ConnectionString == connectionString)
            {
                return stale.DataSource;
            }

            current = CreateDataSource(name, connectionString);
            dataSources[name] = new PooledDataSource(connectionString, current);
        }

        if (stale is not null)
        {
            // Closes its idle connections; ones still in use are closed when their sessions end.
            _ = stale.DataSource.DisposeAsync().AsTask();
        }

        return current;
    }

    private static NpgsqlDataSource CreateDataSource(string name, string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            throw SourceFailureException.Misconfigured($"connection '{name}' has an invalid connection string");
        }

        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? ReadOnlySessionOption : $"{builder.Options} {ReadOnlySessionOption}";
        return NpgsqlDataSource.Create(builder);
    }

    private async Task<ReadOnlySqlSession> OpenSqliteAsync(string name, string connectionString, CancellationToken cancellationToken)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = SqliteSetup.Resolve(connectionString, contentRootPath);
        }
        catch (ArgumentException)
        {
            throw SourceFailureException.Misconfigured($"connection '{name}' has an invalid connection string");
        }

        builder.Mode = SqliteOpenMode.ReadOnly;
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            // Microsoft.Data.Sqlite runs these synchronously: SQLite is an in-process library without async I/O.
            await connection.OpenAsync(cancellationToken);
            await using (var command = connection.CreateCommand())
            {
                // Read-only mode already refuses writes; query_only also covers databases a query ATTACHes.
                command.CommandText = "PRAGMA query_only = ON";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            // Microsoft.Data.Sqlite only checks the token between rows; sqlite3_interrupt stops a long step too.
            var interrupt = cancellationToken.Register(
                static state => SQLitePCL.raw.sqlite3_interrupt(((SqliteConnection)state!).Handle),
                connection);
            return new ReadOnlySqlSession(name, SqlProvider.Sqlite, connection, transaction: null, interrupt);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed record PooledDataSource(string ConnectionString, NpgsqlDataSource DataSource);
}
