using System.Data;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Sources.Sql;

/// <summary>An open connection plus, for PostgreSQL, the read-only transaction queries must run in.
/// Disposing rolls the transaction back and returns the connection to its pool.</summary>
public sealed class ReadOnlySqlSession : IAsyncDisposable
{
    private readonly IAsyncDisposable? beforeClose;
    private IAsyncDisposable? query;

    /// <param name="beforeClose">Released first on dispose (e.g. the SQLite interrupt registration), so nothing
    /// can act on the connection once it is back in the pool.</param>
    public ReadOnlySqlSession(string connectionName, SqlProvider provider, DbConnection connection, DbTransaction? transaction, IAsyncDisposable? beforeClose = null)
    {
        ConnectionName = connectionName;
        Provider = provider;
        Connection = connection;
        Transaction = transaction;
        this.beforeClose = beforeClose;
    }

    public string ConnectionName { get; }

    public SqlProvider Provider { get; }

    public DbConnection Connection { get; }

    /// <summary>The <c>READ ONLY</c> transaction on PostgreSQL; null on SQLite, whose connection is opened read-only.</summary>
    public DbTransaction? Transaction { get; }

    /// <summary>Runs a configured query with its text parameters (one query per session). On PostgreSQL it is sent as
    /// one prepared statement, which the server refuses to hold more than one command: nothing can end the read-only
    /// transaction and write after it. Parameter values are text: PostgreSQL gets them untyped, like a quoted literal,
    /// so the server infers the type from context (<c>id = @id</c>, <c>LIMIT @n</c>); SQLite binds TEXT and applies
    /// column affinity. The time range's parameters (<paramref name="time"/>) are typed, see <see cref="SqlTimeParameters"/>.</summary>
    public async Task<DbDataReader> ExecuteReaderAsync(
        string sql, IReadOnlyDictionary<string, string> parameters, TimeSpan timeout, CancellationToken cancellationToken, SqlTimeParameters? time = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (query is not null)
        {
            throw new InvalidOperationException("A read-only session runs one query.");
        }

        var seconds = (int)Math.Ceiling(timeout.TotalSeconds);
        if (Connection is NpgsqlConnection npgsql)
        {
            var batch = new NpgsqlBatch(npgsql, (NpgsqlTransaction?)Transaction) { Timeout = seconds };
            query = batch;
            // A trailing ';' ends the one statement; Npgsql would take it for a second one.
            var command = new NpgsqlBatchCommand(sql.TrimEnd().TrimEnd(';'));
            foreach (var (name, value) in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter(BoundName(name), NpgsqlDbType.Unknown) { Value = value });
            }

            foreach (var parameter in time?.ForPostgres() ?? [])
            {
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
            return await batch.ExecuteReaderAsync(cancellationToken);
        }

        var sqlite = Connection.CreateCommand();
        query = sqlite;
        sqlite.CommandText = sql;
        sqlite.CommandTimeout = seconds;
        foreach (var (name, value) in parameters)
        {
            var parameter = sqlite.CreateParameter();
            parameter.ParameterName = BoundName(name);
            parameter.DbType = DbType.String;
            parameter.Value = value;
            sqlite.Parameters.Add(parameter);
        }

        foreach (var (name, type, value) in time?.ForSqlite() ?? [])
        {
            var parameter = sqlite.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value;
            sqlite.Parameters.Add(parameter);
        }

        return await sqlite.ExecuteReaderAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (beforeClose is not null)
            {
                await beforeClose.DisposeAsync();
            }

            if (query is not null)
            {
                await query.DisposeAsync();
            }

            if (Transaction is not null)
            {
                await Transaction.DisposeAsync();
            }
        }
        finally
        {
            await Connection.DisposeAsync();
        }
    }

    // Configuration may write @limit, :limit or ?limit; both providers match a bare name to the placeholder's prefix.
    private static string BoundName(string name) => name.Length > 1 && name[0] is '@' or ':' or '?' ? name[1..] : name;
}
