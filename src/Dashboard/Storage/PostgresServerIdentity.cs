using Npgsql;

namespace Dashboard.Storage;

/// <summary>Who a PostgreSQL connection really reaches, as the server itself says: the cluster's system identifier
/// (shared by its streaming replicas, which hold the same data), the running postmaster (start time and port, readable
/// by any role) and the database. Two connections reach the same database when the database names match and either
/// the system identifiers or the postmasters do, however their host names, addresses or sockets are spelled.</summary>
public sealed record PostgresServerIdentity(string? SystemIdentifier, string Postmaster, string Database)
{
    private const string Query = """
        SELECT (SELECT system_identifier::text FROM pg_control_system()), pg_postmaster_start_time()::text || ' port ' || current_setting('port'), current_database()
        """;

    private const string QueryWithoutControlData = """
        SELECT NULL::text, pg_postmaster_start_time()::text || ' port ' || current_setting('port'), current_database()
        """;

    public bool SameDatabase(PostgresServerIdentity other) =>
        string.Equals(Database, other.Database, StringComparison.Ordinal)
        && ((SystemIdentifier is not null && SystemIdentifier == other.SystemIdentifier) || Postmaster == other.Postmaster);

    /// <summary>Asks the server on an open connection (inside its transaction, if any).</summary>
    public static async Task<PostgresServerIdentity> AskAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            return await AskAsync(connection, Query, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && connection.State == System.Data.ConnectionState.Open)
        {
            // A role without the right to read the control data: the postmaster still identifies the server.
            return await AskAsync(connection, QueryWithoutControlData, cancellationToken);
        }
    }

    /// <summary>Connects to <paramref name="connectionString"/> (unpooled) and asks.</summary>
    public static async Task<PostgresServerIdentity> AskAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return await AskAsync(connection, cancellationToken);
    }

    private static async Task<PostgresServerIdentity> AskAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PostgresServerIdentity(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetString(2));
    }
}
