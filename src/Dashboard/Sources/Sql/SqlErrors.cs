using System.Data.Common;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Sources.Sql;

/// <summary>Turns provider exceptions into short reasons safe to show: the server's own message, never the
/// connection string (provider messages about connection strings can echo keys and values, so those are not passed on).</summary>
internal static partial class SqlErrors
{
    private const int MaxReasonChars = 300;

    // SQLite result codes (https://sqlite.org/rescode.html) that mean "try again later".
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteInterrupt = 9;
    private const int SqliteCantOpen = 14;

    [GeneratedRegex(@"^SQLite Error \d+: '(?<message>.*)'\.?$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex SqliteMessage();

    /// <summary>A reason for a database error, or null when <paramref name="exception"/> is not one.</summary>
    public static SourceFailureException? ToFailure(Exception exception, string connectionName) => exception switch
    {
        PostgresException pg => new SourceFailureException(Cap($"SQL error {pg.SqlState}: {pg.MessageText}"), pg.IsTransient, pg, PublicFor(pg)),
        NpgsqlException npgsql => new SourceFailureException(
            $"cannot reach the database of connection '{connectionName}'{Detail(npgsql)}", transient: true, npgsql, PublicReasons.ConnectionFailed),
        SqliteException sqlite => new SourceFailureException(
            Cap($"SQL error: {SqliteText(sqlite)}"),
            sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteCantOpen,
            sqlite,
            sqlite.SqliteErrorCode == SqliteCantOpen ? PublicReasons.ConnectionFailed : PublicReasons.QueryFailed),
        DbException db => new SourceFailureException($"SQL error ({db.GetType().Name})", db.IsTransient, db, PublicReasons.QueryFailed),
        // Microsoft.Data.Sqlite reports a query parameter without a value this way (and its message omits the name).
        InvalidOperationException { Source: "Microsoft.Data.Sqlite" } invalid => new SourceFailureException(
            invalid.Message.StartsWith("Must add values", StringComparison.Ordinal)
                ? "SQL error: the query uses a parameter that has no value under Parameters"
                : Cap($"SQL error: {invalid.Message}"),
            transient: false,
            invalid,
            PublicReasons.QueryFailed),
        _ => null,
    };

    // Classes 08 (connection exception) and 28 (invalid authorization, e.g. a wrong password) are about reaching the
    // database; everything else (a missing relation, a denied permission, a syntax error) is the query's.
    private static string PublicFor(PostgresException pg) =>
        pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("28", StringComparison.Ordinal)
            ? PublicReasons.ConnectionFailed
            : PublicReasons.QueryFailed;

    /// <summary>True for the error a provider raises when its statement was cancelled or interrupted.</summary>
    public static bool IsCancellation(Exception exception) => exception switch
    {
        OperationCanceledException => true,
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } => true,
        SqliteException { SqliteErrorCode: SqliteInterrupt } => true,
        _ => false,
    };

    /// <summary>Npgsql's own command timeout surfaces as an NpgsqlException wrapping a TimeoutException.</summary>
    public static bool IsClientTimeout(Exception exception) =>
        exception is NpgsqlException { InnerException: TimeoutException } and not PostgresException;

    private static string SqliteText(SqliteException exception)
    {
        var match = SqliteMessage().Match(exception.Message);
        return match.Success ? match.Groups["message"].Value : exception.Message;
    }

    // Only the kind of network failure: endpoint details stay in the logs, not on pages.
    private static string Detail(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return $": {socket.SocketErrorCode}";
                case TimeoutException:
                    return ": timed out";
            }
        }

        return "";
    }

    private static string Cap(string reason) => reason.Length <= MaxReasonChars ? reason : reason[..(MaxReasonChars - 1)] + "…";
}
