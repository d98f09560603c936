using System.Globalization;

namespace Dashboard.Sources.Sql;

/// <summary>The <c>sql</c> source kind: runs a configured query in a read-only session and shapes the first
/// result set. Parameter values are text (see <see cref="ReadOnlySqlSession.ExecuteReaderAsync"/>); the command timeout
/// bounds the whole fetch, connect included, and is also the database's own bound on the statement.</summary>
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
    public Task<SourceFetchResult> FetchAsync(SourceFetchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.Run(() => FetchCoreAsync(request, cancellationToken), cancellationToken);
    }

    private async Task<SourceFetchResult> FetchCoreAsync(SourceFetchRequest request, CancellationToken cancellationToken)
    {
        var sql = Validate();
        var time = SqlTimeParameters.For(sql.Query, request.Window);
        var timeout = sql.CommandTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await using var session = await connections.OpenReadOnlyAsync(sql.Connection, timeout, deadline.Token);
            SourceTracing.TagFetch(SourceTracing.DbSystemTag, session.Provider == SqlProvider.Postgres ? "postgresql" : "sqlite");
            await using var reader = await session.ExecuteReaderAsync(sql.Query, sql.Parameters, timeout, deadline.Token, time);
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
            && ((deadline.IsCancellationRequested && SqlErrors.IsCancellation(ex)) || SqlErrors.IsTimeout(ex)))
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

        if (sql.Parameters.Keys.FirstOrDefault(Ranges.TimeRangePlaceholders.IsReservedSqlName) is { } reserved)
        {
            throw SourceFailureException.Misconfigured($"sql source's parameter '{reserved}' is reserved: @from, @to and @interval are the dashboard's time range");
        }

        return sql;
    }

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
