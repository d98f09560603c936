using Dashboard.Sources.Sql;
using Microsoft.Data.Sqlite;

namespace Dashboard.Demo;

/// <summary>Fills <c>demo_events</c> in a SQLite file so demo SQL panels have data (see <see cref="DemoQueries"/>).</summary>
public static class DemoDatabaseSeeder
{
    public const string TableName = "demo_events";

    /// <summary>Data older than this at startup is replaced, so a demo restarted days later still has a
    /// "last 24 hours".</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    /// <summary>Creates the table if missing and fills it with <see cref="DemoEvents.Count"/> events over the
    /// 14 days before <paramref name="time"/>'s now, unless it already holds fresh data. Idempotent and safe
    /// for several instances at once (the check and the fill share one write transaction).</summary>
    /// <returns>True when rows were written.</returns>
    public static async Task<bool> SeedAsync(string sqliteConnectionString, string contentRootPath, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var builder = SqliteSetup.Resolve(sqliteConnectionString, contentRootPath);
        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var now = time.GetUtcNow();
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

        if (await IsFreshAsync(connection, transaction, now, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        await ExecuteAsync(connection, transaction, $"DELETE FROM {TableName}", cancellationToken);
        await InsertAsync(connection, transaction, DemoEvents.Generate(now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<bool> IsFreshAsync(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT MAX(occurred_at_ms) FROM {TableName}";
        return await command.ExecuteScalarAsync(cancellationToken) is long newest
            && newest >= (now - StaleAfter).ToUnixTimeMilliseconds();
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<DemoEvent> events, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {TableName} (id, occurred_at_ms, kind, amount) VALUES ($id, $at, $kind, $amount)";
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var kind = command.Parameters.Add("$kind", SqliteType.Text);
        var amount = command.Parameters.Add("$amount", SqliteType.Real);
        foreach (var e in events)
        {
            id.Value = e.Id;
            at.Value = e.OccurredAtMs;
            kind.Value = e.Kind;
            amount.Value = e.Amount;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
