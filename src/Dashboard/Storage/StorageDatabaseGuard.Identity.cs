using System.Collections.Concurrent;
using Dashboard.Sources;
using Dashboard.Sources.Sql;
using Dashboard.Startup;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Storage;

/// <summary>The guard by identity: compares servers, not spellings. PostgreSQL says which cluster, postmaster and
/// database a connection reached (<see cref="PostgresServerIdentity"/>); a SQLite file is its device and inode
/// (<see cref="SqliteFileIdentity"/>: a hard link is the same file).</summary>
public sealed partial class StorageDatabaseGuard
{
    /// <summary>How long one identity question may take (a host that does not answer is not the storage server now).</summary>
    public static readonly TimeSpan AskBound = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim learning = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> multiHostVerdicts = new(StringComparer.Ordinal);
    private volatile StorageServerIdentity? storageServer;

    /// <summary>Asks storage who it is (once; again later if it could not be asked).</summary>
    public async Task<PostgresServerIdentity?> StoragePostgresIdentityAsync(CancellationToken cancellationToken) =>
        (await LearnAsync(cancellationToken))?.Postgres;

    /// <summary>Start-up: asks every configured connection's server(s) who they are and refuses to start (exit code 2,
    /// one line per connection) when one is the storage database. A server that cannot be asked now is checked when
    /// its connection is opened.</summary>
    public async Task CheckAtStartAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var (name, connection) in connections.CurrentValue.Connections)
        {
            if (connection.KnownProvider is not { } provider || TryResolve(connection.ConnectionString) is not { } connectionString)
            {
                continue;
            }

            var matches = provider == SqlProvider.Postgres
                ? await PostgresHostsReachStorageAsync(name, connectionString, cancellationToken)
                : SqliteFileIsStorage(SqliteSetup.Resolve(connectionString, contentRootPath).DataSource);
            if (matches == true)
            {
                failures.Add($"{SqlConnectionsOptions.SectionPath}:{name}:ConnectionString: {Refusal(name)} (the server says so, however it is named)");
            }
        }

        if (failures.Count > 0)
        {
            throw new StartupRefusalException(string.Join('\n', failures), ExitCodes.Configuration);
        }
    }

    /// <summary>Before a connection is opened: its string names the storage database, or (multi-host) one of its hosts
    /// is the storage server.</summary>
    /// <exception cref="SourceFailureException">It is the storage database.</exception>
    public async Task EnsureNotStorageAsync(string connectionName, SqlProvider provider, string connectionString, CancellationToken cancellationToken)
    {
        if (IsStorage(provider, connectionString))
        {
            throw SourceFailureException.Misconfigured(Refusal(connectionName));
        }

        if (provider != SqlProvider.Postgres || HostsOf(connectionString).Count < 2)
        {
            return; // One host: each new connection to it is asked (AddIdentityCheck).
        }

        if (!multiHostVerdicts.TryGetValue(connectionString, out var isStorage))
        {
            var verdict = await PostgresHostsReachStorageAsync(connectionName, connectionString, cancellationToken);
            isStorage = verdict ?? false;
            if (verdict is not null)
            {
                multiHostVerdicts[connectionString] = isStorage; // Kept only when every host answered.
            }
        }

        if (isStorage)
        {
            throw SourceFailureException.Misconfigured(Refusal(connectionName));
        }
    }

    /// <summary>Asks the server of every new physical connection of a source's pool who it is, before its first query.</summary>
    public void AddIdentityCheck(NpgsqlDataSourceBuilder builder, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UsePhysicalConnectionInitializer(
            static _ => throw new NotSupportedException("SQL sources open their connections asynchronously only"),
            connection => CheckConnectionAsync(connection, connectionName, CancellationToken.None));
    }

    /// <summary>After a SQLite source opened its file: the same file as storage (a hard link included) is refused.</summary>
    /// <exception cref="SourceFailureException">It is the storage file.</exception>
    public void EnsureNotStorageFile(string path, string connectionName)
    {
        if (SqliteFileIsStorage(path) == true)
        {
            throw SourceFailureException.Misconfigured(Refusal(connectionName));
        }
    }

    private async Task CheckConnectionAsync(NpgsqlConnection connection, string connectionName, CancellationToken cancellationToken)
    {
        if (await StoragePostgresIdentityAsync(cancellationToken) is not { } storageIdentity)
        {
            return;
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(AskBound);
        if ((await PostgresServerIdentity.AskAsync(connection, bound.Token)).SameDatabase(storageIdentity))
        {
            throw SourceFailureException.Misconfigured(Refusal(connectionName));
        }
    }

    /// <summary>True when a host reaches the storage database, false when none does, null when storage or a host could
    /// not be asked (and none matched).</summary>
    private async Task<bool?> PostgresHostsReachStorageAsync(string connectionName, string connectionString, CancellationToken cancellationToken)
    {
        if (await StoragePostgresIdentityAsync(cancellationToken) is not { } storageIdentity)
        {
            return null;
        }

        var answers = await Task.WhenAll(HostsOf(connectionString).Select(host => AskHostAsync(connectionName, connectionString, host, cancellationToken)));
        return answers.Any(a => a is not null && a.SameDatabase(storageIdentity)) ? true
            : answers.All(a => a is not null) ? false
            : null;
    }

    private async Task<PostgresServerIdentity?> AskHostAsync(string connectionName, string connectionString, string host, CancellationToken cancellationToken)
    {
        try
        {
            var single = new NpgsqlConnectionStringBuilder(connectionString) { Host = host, Timeout = (int)AskBound.TotalSeconds };
            return await BoundedStorageCall.RunAsync(ct => PostgresServerIdentity.AskAsync(single.ConnectionString, ct), AskBound, TimeProvider.System, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or ArgumentException or System.Net.Sockets.SocketException)
        {
            if (logger is not null)
            {
                LogNotAsked(logger, connectionName, ex.GetType().Name);
            }

            return null;
        }
    }

    private bool? SqliteFileIsStorage(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var storageFile = storageServer?.SqliteFile ?? StorageSqliteFile();
        var file = SqliteFileIdentity.Of(path);
        return storageFile is not null && file is not null && storageFile == file;
    }

    private async Task<StorageServerIdentity?> LearnAsync(CancellationToken cancellationToken)
    {
        if (storageServer is { } known)
        {
            return known;
        }

        await learning.WaitAsync(cancellationToken);
        try
        {
            if (storageServer is not null)
            {
                return storageServer;
            }

            var options = storage.Value;
            if (StorageProviders.Normalize(options.Provider) == StorageProviders.Postgres)
            {
                var identity = await BoundedStorageCall.RunAsync(ct => PostgresServerIdentity.AskAsync(options.ConnectionString, ct), AskBound, TimeProvider.System, cancellationToken);
                return storageServer = new StorageServerIdentity(identity, null);
            }

            return StorageSqliteFile() is { } file ? storageServer = new StorageServerIdentity(null, file) : null;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return null; // Storage itself cannot be asked now: the string check stands; asked again next time.
        }
        finally
        {
            learning.Release();
        }
    }

    private string? StorageSqliteFile()
    {
        var options = storage.Value;
        if (StorageProviders.Normalize(options.Provider) != StorageProviders.Sqlite)
        {
            return null;
        }

        try
        {
            var dataSource = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            return SqliteFileIdentity.Of(Path.GetFullPath(dataSource, Path.GetFullPath(contentRootPath)));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static List<string> HostsOf(string connectionString)
    {
        try
        {
            return [.. (new NpgsqlConnectionStringBuilder(connectionString).Host ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        }
        catch (ArgumentException)
        {
            return [];
        }
    }

    private string? TryResolve(string connectionString)
    {
        try
        {
            return secrets.Resolve(connectionString);
        }
        catch (SourceFailureException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 4210, Level = LogLevel.Information, Message = "Connection {Connection}: a host could not be asked who it is ({Reason}); it is asked again when opened")]
    private static partial void LogNotAsked(ILogger logger, string connection, string reason);

    private sealed record StorageServerIdentity(PostgresServerIdentity? Postgres, string? SqliteFile);
}
