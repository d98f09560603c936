using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Dashboard.Storage;

/// <summary>The embedded default: one SQLite file, shared safely by several connections of one app process (a second
/// process is refused at start: <see cref="SqliteInstanceLock"/>).</summary>
public sealed class SqliteDashboardStore : DapperDashboardStore
{
    private readonly string connectionString;
    private readonly string connectionPragmas;
    private volatile bool walEnabled;

    /// <param name="options">Provider options; <see cref="StorageOptions.ConnectionString"/> is a SQLite connection string.</param>
    /// <param name="baseDirectory">What a relative <c>Data Source</c> is relative to (the app's content root).</param>
    public SqliteDashboardStore(StorageOptions options, string baseDirectory)
        : base(options.CommandTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (DescribeUnusableDataSource(builder) is { } problem)
        {
            throw new ArgumentException($"The SQLite connection string {problem}", nameof(options));
        }

        // Not the process's working directory: the app may be started from anywhere.
        builder.DataSource = Path.GetFullPath(builder.DataSource, Path.GetFullPath(baseDirectory));
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        DatabasePath = builder.DataSource;

        // Microsoft.Data.Sqlite retries SQLITE_BUSY for up to DefaultTimeout (BEGIN included); busy_timeout makes
        // SQLite itself wait for a writer in another connection or process instead of failing at once.
        builder.DefaultTimeout = CommandTimeoutSeconds;
        connectionString = builder.ToString();
        connectionPragmas = $"PRAGMA busy_timeout = {CommandTimeoutSeconds * 1000}; PRAGMA synchronous = NORMAL;";
    }

    public override string Provider => StorageProviders.Sqlite;

    /// <summary>The database file's full path.</summary>
    public string DatabasePath { get; }

    /// <summary>Why the connection string's <c>Data Source</c> cannot hold the dashboard's state, or null if it can.
    /// In-memory and temporary databases vanish with their connection, and every call opens a new one.</summary>
    internal static string? DescribeUnusableDataSource(SqliteConnectionStringBuilder builder) =>
        string.IsNullOrWhiteSpace(builder.DataSource) ? "has no Data Source; give a file, e.g. 'Data Source=data/dashboard.db'"
        : builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:" ? "names an in-memory database, which would lose its state; give a file, e.g. 'Data Source=data/dashboard.db'"
        : null;

    protected internal override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // WAL lets readers work while one connection writes; it is stored in the file, so set it once per store.
            // synchronous=NORMAL is WAL's recommended pairing: safe against app crashes, far fewer fsyncs.
            var pragmas = walEnabled ? connectionPragmas : connectionPragmas + " PRAGMA journal_mode = WAL;";
            await connection.ExecuteAsync(Command(pragmas, null, cancellationToken));
            walEnabled = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // The default BeginTransaction is BEGIN IMMEDIATE, which already takes SQLite's single write lock for the
    // whole migration transaction, across processes too; nothing more to take.
    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    // Pooled connections keep the file open; closing them lets SQLite checkpoint the WAL and tidy up on shutdown.
    protected override void Dispose(bool disposing)
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
