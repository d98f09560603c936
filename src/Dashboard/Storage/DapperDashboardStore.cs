using System.Data.Common;
using Dapper;

namespace Dashboard.Storage;

/// <summary>The Dapper implementation both providers share. The data SQL is portable (SQLite 3.35+ and
/// PostgreSQL agree on <c>ON CONFLICT ... DO UPDATE ... WHERE</c>, <c>LIMIT</c> and <c>excluded</c>), so a provider
/// only opens connections, serialises migrations and supplies its migration DDL.</summary>
public abstract partial class DapperDashboardStore : IDashboardStore, IAsyncDisposable, IDisposable
{
    // Start-up DDL, or waiting while another instance migrates, can take longer than a page's budget.
    private const int MigrationTimeoutSeconds = 60;

    protected DapperDashboardStore(TimeSpan commandTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(commandTimeout, TimeSpan.Zero);

        // ADO.NET timeouts are whole seconds and 0 means "none": round up so a sub-second bound stays a bound.
        CommandTimeoutSeconds = (int)Math.Ceiling(commandTimeout.TotalSeconds);
    }

    public abstract string Provider { get; }

    protected int CommandTimeoutSeconds { get; }

    /// <summary>An open connection; the caller disposes it (which returns it to the pool).</summary>
    protected internal abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Runs first in every migration transaction so that instances starting at once migrate one at a time.</summary>
    protected abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // Under the lock too: concurrent CREATE TABLE IF NOT EXISTS can still collide on PostgreSQL.
        await InMigrationTransactionAsync(connection, (tx, ct) =>
            connection.ExecuteAsync(MigrationCommand(StorageMigrations.CreateSchemaMigrationsTable, null, tx, ct)), cancellationToken);

        foreach (var migration in StorageMigrations.All)
        {
            await InMigrationTransactionAsync(connection, async (tx, ct) =>
            {
                // Checked under the lock: another instance may have applied it since this one started.
                var applied = await connection.ExecuteScalarAsync<long>(MigrationCommand(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, tx, ct));
                if (applied > 0)
                {
                    return;
                }

                await connection.ExecuteAsync(MigrationCommand(migration.SqlFor(Provider), null, tx, ct));
                await connection.ExecuteAsync(MigrationCommand(
                    "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@Version, @Description, @AppliedAt)",
                    new { migration.Version, migration.Description, AppliedAt = ToUnixMs(DateTimeOffset.UtcNow) },
                    tx,
                    ct));
            }, cancellationToken);
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await connection.ExecuteScalarAsync<long>(Command("SELECT 1", null, cancellationToken));
    }

    public async Task<LastGoodValue?> GetLastGoodAsync(string sourceName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LastGoodRow>(Command(
            """
            SELECT source_name AS SourceName, fingerprint AS Fingerprint, value_json AS ValueJson, fetched_at_ms AS FetchedAtMs
            FROM last_good WHERE source_name = @sourceName
            """,
            new { sourceName },
            cancellationToken));
        return row is null ? null : new LastGoodValue(row.SourceName, row.Fingerprint, row.ValueJson, FromUnixMs(row.FetchedAtMs));
    }

    public async Task SaveLastGoodAsync(LastGoodValue value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(value.SourceName, nameof(value));
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // One atomic statement, so racing instances need no lock: the WHERE keeps the newest fetch.
        await connection.ExecuteAsync(Command(
            """
            INSERT INTO last_good (source_name, fingerprint, value_json, fetched_at_ms)
            VALUES (@SourceName, @Fingerprint, @ValueJson, @FetchedAtMs)
            ON CONFLICT (source_name) DO UPDATE SET
                fingerprint = excluded.fingerprint,
                value_json = excluded.value_json,
                fetched_at_ms = excluded.fetched_at_ms
            WHERE excluded.fetched_at_ms >= last_good.fetched_at_ms
            """,
            new { value.SourceName, value.Fingerprint, value.ValueJson, FetchedAtMs = ToUnixMs(value.FetchedAt) },
            cancellationToken));
    }

    public async Task AppendHistoryAsync(HistoryPoint point, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentException.ThrowIfNullOrEmpty(point.SourceName, nameof(point));
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command(
            "INSERT INTO source_history (source_name, at_ms, value) VALUES (@SourceName, @AtMs, @Value)",
            new { point.SourceName, AtMs = ToUnixMs(point.At), point.Value },
            cancellationToken));
    }

    public async Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(string sourceName, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // The index on (source_name, at_ms) serves the inner newest-first scan; the outer query flips it for charts.
        var rows = await connection.QueryAsync<HistoryRow>(Command(
            """
            SELECT at_ms AS AtMs, value AS Value FROM (
                SELECT at_ms, value FROM source_history
                WHERE source_name = @sourceName
                ORDER BY at_ms DESC
                LIMIT @limit
            ) AS newest
            ORDER BY at_ms
            """,
            new { sourceName, limit },
            cancellationToken));
        return [.. rows.Select(r => new HistoryPoint(sourceName, FromUnixMs(r.AtMs), r.Value))];
    }

    public async Task<int> PruneHistoryAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(
            "DELETE FROM source_history WHERE at_ms < @OlderThanMs",
            new { OlderThanMs = ToUnixMs(olderThan) },
            cancellationToken));
    }

    public virtual ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    // Also IDisposable: a container disposed synchronously refuses singletons that are only IAsyncDisposable.
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>A command bounded by the configured timeout and carrying the caller's token.</summary>
    protected CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, commandTimeout: CommandTimeoutSeconds, cancellationToken: cancellationToken);

    /// <summary>A command inside a migration transaction, with the longer start-up timeout.</summary>
    protected static CommandDefinition MigrationCommand(string sql, object? parameters, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, MigrationTimeoutSeconds, cancellationToken: cancellationToken);

    private async Task InMigrationTransactionAsync(
        DbConnection connection, Func<DbTransaction, CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockForMigrationAsync(connection, transaction, cancellationToken);
        await step(transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    // Settable classes rather than positional records: Dapper's constructor mapping needs exact column types,
    // and SQLite reports a column's type from the stored value.
    private sealed class LastGoodRow
    {
        public string SourceName { get; init; } = "";

        public string Fingerprint { get; init; } = "";

        public string ValueJson { get; init; } = "";

        public long FetchedAtMs { get; init; }
    }

    private sealed class HistoryRow
    {
        public long AtMs { get; init; }

        public double Value { get; init; }
    }
}
