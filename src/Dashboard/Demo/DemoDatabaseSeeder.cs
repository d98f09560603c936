using Dashboard.Sources.Sql;
using Microsoft.Data.Sqlite;

namespace Dashboard.Demo;

/// <summary>Fills <c>demo_events</c> in a SQLite file so demo SQL panels have data (see <see cref="DemoQueries"/>): the
/// last <see cref="DemoEvents.Span"/> (30 days), minute by minute, and kept current by <see cref="DemoEventsTicker"/>.</summary>
public static class DemoDatabaseSeeder
{
    public const string TableName = "demo_events";

    // PRAGMA user_version of a table filled minute by minute; an older demo file (another layout of ids) is refilled.
    private const int Layout = 2;

    /// <summary>Creates the table if missing, deletes events older than <see cref="DemoEvents.Span"/> and adds the events of
    /// every whole minute since the newest one (all 30 days on first start) up to <paramref name="time"/>'s now. Events of a
    /// minute never change, so this is idempotent; the check and the fill share one write transaction, so several
    /// instances at once add each minute once.</summary>
    /// <returns>True when rows were written.</returns>
    public static async Task<bool> SeedAsync(string sqliteConnectionString, string contentRootPath, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var builder = SqliteSetup.Resolve(sqliteConnectionString, contentRootPath);
        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var nowMinute = time.GetUtcNow().ToUnixTimeMilliseconds() / 60_000;
        var firstMinute = nowMinute - (long)DemoEvents.Span.TotalMinutes;
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // IMMEDIATE takes the write lock up front, so two instances cannot both decide to fill.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        await ExecuteAsync(connection, transaction, $"""
            CREATE TABLE IF NOT EXISTS {TableName} (
                id INTEGER PRIMARY KEY,
                occurred_at_ms BIGINT NOT NULL,
                kind TEXT NOT NULL,
                amount REAL NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_{TableName}_occurred_at ON {TableName} (occurred_at_ms);
            CREATE INDEX IF NOT EXISTS ix_{TableName}_kind_occurred_at ON {TableName} (kind, occurred_at_ms);
            """, cancellationToken);

        if (await ScalarAsync(connection, transaction, "PRAGMA user_version", cancellationToken) != Layout)
        {
            await ExecuteAsync(connection, transaction, $"DELETE FROM {TableName}; PRAGMA user_version = {Layout};", cancellationToken);
        }

        await ExecuteAsync(connection, transaction, $"DELETE FROM {TableName} WHERE occurred_at_ms < {firstMinute * 60_000}", cancellationToken);
        var newest = await ScalarAsync(connection, transaction, $"SELECT MAX(occurred_at_ms) FROM {TableName}", cancellationToken);
        var fromMinute = newest is { } ms ? Math.Max((ms / 60_000) + 1, firstMinute) : firstMinute;
        var written = await InsertAsync(connection, transaction, DemoEvents.Between(fromMinute, nowMinute), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written > 0;
    }

    private static async Task<long?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
    }

    private static async Task<int> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<DemoEvent> events, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {TableName} (id, occurred_at_ms, kind, amount) VALUES ($id, $at, $kind, $amount)";
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var kind = command.Parameters.Add("$kind", SqliteType.Text);
        var amount = command.Parameters.Add("$amount", SqliteType.Real);
        var written = 0;
        foreach (var e in events)
        {
            id.Value = e.Id;
            at.Value = e.OccurredAtMs;
            kind.Value = e.Kind;
            amount.Value = e.Amount;
            await command.ExecuteNonQueryAsync(cancellationToken);
            written++;
        }

        return written;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
