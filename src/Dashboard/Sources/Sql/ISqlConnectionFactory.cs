namespace Dashboard.Sources.Sql;

/// <summary>Opens read-only sessions on the databases named under <c>Dashboard:Connections</c>.</summary>
public interface ISqlConnectionFactory
{
    /// <summary>Opens a connection that cannot write. Throws <see cref="SourceFailureException"/> for an unknown
    /// name, a missing secret, a bad connection string or a failed connect (transient). For SQLite, cancelling
    /// <paramref name="cancellationToken"/> while the session is open also interrupts a running statement.</summary>
    Task<ReadOnlySqlSession> OpenReadOnlyAsync(string connectionName, CancellationToken cancellationToken);
}
