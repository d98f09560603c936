using System.Data.Common;
using Dashboard.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Sources.Sql;

/// <summary>Singleton that opens read-only sessions. PostgreSQL connections come from one cached
/// <see cref="NpgsqlDataSource"/> (a pool) per named connection, rebuilt when that connection's settings or
/// its resolved secret change; SQLite files are opened unpooled with <c>Mode=ReadOnly</c> and no ATTACH. A connection
/// that points at the dashboard's own storage database is refused (<see cref="StorageDatabaseGuard"/>).</summary>
public sealed class SqlConnectionFactory : ISqlConnectionFactory, IAsyncDisposable
{
    // Belt and braces with the READ ONLY transaction and the one-statement rule (ReadOnlySqlSession): sessions default
    // to read-only transactions too. A database role with only SELECT rights remains the real boundary.
    private const string ReadOnlySessionOption = "-c default_transaction_read_only=on";

    // sqlite3_limit category (https://sqlite.org/c3ref/c_limit_attached.html); 0 refuses ATTACH, and with it
    // VACUUM INTO, which would otherwise write a copy to any path, and reading other files such as the storage database.
    private const int SqliteLimitAttached = 7;

    private readonly IOptionsMonitor<SqlConnectionsOptions> options;
    private readonly ISecretResolver secrets;
    private readonly string contentRootPath;
    private readonly StorageDatabaseGuard? storage;
    private readonly Lock gate = new();
    private readonly Dictionary<string, PooledDataSource> dataSources = new(StringComparer.OrdinalIgnoreCase);
    private bool disposed;

    /// <param name="contentRootPath">Base folder for relative SQLite <c>Data Source</c> paths.</param>
    /// <param name="storage">Refuses the storage database; null where there is none (tools, tests).</param>
    public SqlConnectionFactory(IOptionsMonitor<SqlConnectionsOptions> options, ISecretResolver secrets, string contentRootPath, StorageDatabaseGuard? storage = null)
    {
        this.options = options;
        this.secrets = secrets;
        this.contentRootPath = contentRootPath;
        this.storage = storage;
    }

    public async Task<ReadOnlySqlSession> OpenReadOnlyAsync(string connectionName, TimeSpan statementTimeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var (provider, connectionString) = Resolve(connectionName);
        if (storage is not null)
        {
            // Checked on every open: a reloaded connection string or a rotated secret may point there later.
            await storage.EnsureNotStorageAsync(connectionName, provider, connectionString, cancellationToken);
        }

        try
        {
            return provider == SqlProvider.Postgres
                ? await OpenPostgresAsync(connectionName, connectionString, statementTimeout, cancellationToken)
                : await OpenSqliteAsync(connectionName, connectionString, statementTimeout, cancellationToken);
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
        var settings = options.CurrentValue.Find(connectionName)
            ?? throw SourceFailureException.Misconfigured($"unknown connection '{connectionName}'");

        var provider = settings.KnownProvider
            ?? throw SourceFailureException.Misconfigured($"unknown provider '{settings.Provider}' for connection '{connectionName}' (use sqlite or postgres)");
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw SourceFailureException.Misconfigured($"connection '{connectionName}' has no connection string");
        }

        // Resolved on every open, so a rotated secret takes effect without a restart.
        return (provider, secrets.Resolve(settings.ConnectionString));
    }

    private async Task<ReadOnlySqlSession> OpenPostgresAsync(string name, string connectionString, TimeSpan statementTimeout, CancellationToken cancellationToken)
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
            // LOCAL: the bound ends with the transaction, so a pooled connection never carries it to the next query.
            var milliseconds = (long)Math.Ceiling(statementTimeout.TotalMilliseconds);
            await using (var command = new NpgsqlCommand(
                $"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                connection,
                transaction))
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

    private NpgsqlDataSource CreateDataSource(string name, string connectionString)
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
        var dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        storage?.AddIdentityCheck(dataSource, name); // Each new connection's server is asked who it is.
        return dataSource.Build();
    }

    private async Task<ReadOnlySqlSession> OpenSqliteAsync(string name, string connectionString, TimeSpan statementTimeout, CancellationToken cancellationToken)
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
        // A query can leave state on its connection (TEMP views shadowing tables, PRAGMAs): never hand that to the next one.
        builder.Pooling = false;
        // How long a statement waits for another process's write lock before failing busy.
        builder.DefaultTimeout = (int)Math.Ceiling(statementTimeout.TotalSeconds);
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            // Microsoft.Data.Sqlite runs these synchronously: SQLite is an in-process library without async I/O.
            await connection.OpenAsync(cancellationToken);
            storage?.EnsureNotStorageFile(builder.DataSource, name); // The same file by any name, a hard link included.
            SQLitePCL.raw.sqlite3_limit(connection.Handle, SqliteLimitAttached, 0);
            await using (var command = connection.CreateCommand())
            {
                // Read-only mode is what refuses writes; query_only is only a friendlier first refusal.
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
