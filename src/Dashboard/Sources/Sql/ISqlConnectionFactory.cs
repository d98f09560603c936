namespace Dashboard.Sources.Sql;

/// <summary>Opens read-only sessions on the databases named under <c>Dashboard:Connections</c>.</summary>
public interface ISqlConnectionFactory
{
    /// <summary>Opens a connection that cannot write. Throws <see cref="SourceFailureException"/> for an unknown
    /// name, a missing secret, a bad connection string, a connection to the dashboard's own storage database or a
    /// failed connect (transient). For SQLite, cancelling <paramref name="cancellationToken"/> while the session is
    /// open also interrupts a running statement.</summary>
    /// <param name="statementTimeout">The database's own bound on each statement (PostgreSQL <c>statement_timeout</c>,
    /// SQLite busy timeout), so a query outlives its caller by no more than this.</param>
    Task<ReadOnlySqlSession> OpenReadOnlyAsync(string connectionName, TimeSpan statementTimeout, CancellationToken cancellationToken);
}
