using System.Data.Common;

namespace Dashboard.Sources.Sql;

/// <summary>An open connection plus, for PostgreSQL, the read-only transaction queries must run in.
/// Disposing rolls the transaction back and returns the connection to its pool.</summary>
public sealed class ReadOnlySqlSession : IAsyncDisposable
{
    private readonly IAsyncDisposable? beforeClose;

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

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (beforeClose is not null)
            {
                await beforeClose.DisposeAsync();
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
}
