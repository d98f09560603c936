using System.Globalization;
using Dapper;

namespace Dashboard.Sources.Sql;

/// <summary>The <c>sql</c> source kind: runs a configured query in a read-only session and shapes the first
/// result set. Parameter values are text (see <see cref="TextSqlParameter"/>); the command timeout bounds the
/// whole fetch, connect included.</summary>
public sealed class SqlSource : ISource
{
    // A dashboard query running longer than this is a mistake; it also keeps CancelAfter in range.
    private static readonly TimeSpan MaxCommandTimeout = TimeSpan.FromHours(1);

    private readonly SourceOptions options;
    private readonly ISqlConnectionFactory connections;
    private readonly ShapingLimitsOptions shaping;

    public SqlSource(SourceOptions options, ISqlConnectionFactory connections, ShapingLimitsOptions? shaping = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connections);
        this.options = options;
        this.connections = connections;
        this.shaping = shaping ?? new ShapingLimitsOptions();
    }

    public string Name => options.Name;

    // Microsoft.Data.Sqlite's async methods complete synchronously; starting on the thread pool keeps a
    // caller that awaits this with a render deadline free while SQLite works.
    public Task<SourceFetchResult> FetchAsync(CancellationToken cancellationToken) =>
        Task.Run(() => FetchCoreAsync(cancellationToken), cancellationToken);

    private async Task<SourceFetchResult> FetchCoreAsync(CancellationToken cancellationToken)
    {
        var sql = Validate();
        var timeout = sql.CommandTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await using var session = await connections.OpenReadOnlyAsync(sql.Connection, deadline.Token);
            var command = new CommandDefinition(
                sql.Query,
                Parameters(sql),
                session.Transaction,
                commandTimeout: (int)Math.Ceiling(timeout.TotalSeconds),
                flags: CommandFlags.None,
                cancellationToken: deadline.Token);
            await using var reader = await session.Connection.ExecuteReaderAsync(command);
            return await SqlResultShaper.ReadAsync(reader, options.Shape, shaping.WithRowsAtMost(sql.MaxRows), deadline.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not SourceFailureException && cancellationToken.IsCancellationRequested)
        {
            // The caller gave up: an interrupted SQLite step or a cancelled PostgreSQL statement is not a source failure.
            throw new OperationCanceledException("SQL query cancelled", ex, cancellationToken);
        }
        catch (Exception ex) when (ex is not SourceFailureException
            && ((deadline.IsCancellationRequested && SqlErrors.IsCancellation(ex)) || SqlErrors.IsClientTimeout(ex)))
        {
            throw new SourceFailureException($"SQL timeout after {Seconds(timeout)} s", transient: true, ex, PublicReasons.Timeout);
        }
        catch (Exception ex) when (SqlErrors.ToFailure(ex, sql.Connection) is { } failure)
        {
            throw failure;
        }
    }

    private SqlSourceOptions Validate()
    {
        var sql = options.Sql ?? throw SourceFailureException.Misconfigured("sql source has no 'Sql' settings");
        if (string.IsNullOrWhiteSpace(sql.Query))
        {
            throw SourceFailureException.Misconfigured("sql source has no query");
        }

        if (sql.CommandTimeout <= TimeSpan.Zero || sql.CommandTimeout > MaxCommandTimeout)
        {
            throw SourceFailureException.Misconfigured("sql source's CommandTimeout must be positive and at most 1 hour");
        }

        if (sql.MaxRows < 1)
        {
            throw SourceFailureException.Misconfigured("sql source's MaxRows must be at least 1");
        }

        return sql;
    }

    private static DynamicParameters Parameters(SqlSourceOptions sql)
    {
        var parameters = new DynamicParameters();
        foreach (var (name, value) in sql.Parameters)
        {
            // Dapper strips a leading @, : or ?, so configuration may name them either way.
            parameters.Add(name, new TextSqlParameter(value));
        }

        return parameters;
    }

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
