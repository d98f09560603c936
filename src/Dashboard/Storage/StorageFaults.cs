using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Storage;

/// <summary>Tells a storage outage (the database cannot be reached or does not answer: try again later) from other
/// failures, and says briefly why, without connection strings or user names.</summary>
public static class StorageFaults
{
    // SQLite result codes (https://sqlite.org/rescode.html): another connection holds the lock.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqlitePermission = 3;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    /// <summary>The database is unreachable, stalled or busy: the same call may work later. Not a SQL error, a
    /// constraint violation or a refused password.</summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException or TimeoutException,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        DbException db => db.IsTransient,
        TimeoutException or SocketException or StorageUnavailableException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsOutage),
        _ => false,
    };

    /// <summary>Any failure of the database itself (outage, refusal, SQL error), as opposed to a bug in the caller.</summary>
    public static bool IsStorageError(Exception exception) =>
        exception is DbException or TimeoutException or SocketException || IsOutage(exception);

    /// <summary>The database refused the connection itself (password, role, unknown database, unopenable file), as opposed
    /// to a failure of a statement on it.</summary>
    public static bool IsConnectionRefusal(Exception exception) => exception switch
    {
        // Classes 08 (connection), 28 (authorization) and 3D (unknown database).
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("28", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("3D", StringComparison.Ordinal),
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteCantOpen or SqlitePermission or SqliteNotADatabase,
        NpgsqlException => true,
        _ => false,
    };

    /// <summary>A short reason: the server's own message for PostgreSQL, the socket error, or the SQLite error.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        PostgresException postgres => $"\"{postgres.MessageText}\" ({postgres.SqlState})",
        NpgsqlException { InnerException: SocketException socket } => SocketReason(socket),
        NpgsqlException { InnerException: TimeoutException } or TimeoutException => "no answer in time",
        NpgsqlException { InnerException: { } inner } => Describe(inner),
        SocketException socket => SocketReason(socket),
        SqliteException sqlite => $"SQLite error {sqlite.SqliteErrorCode}: {sqlite.Message.Split('\'', 3) switch { [_, var text, _] => text, _ => sqlite.Message }}",
        _ => exception.Message.Split('\n')[0].Trim(),
    };

    private static string SocketReason(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host name not found",
        SocketError.TimedOut => "connection timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "host unreachable",
        _ => socket.Message,
    };
}
