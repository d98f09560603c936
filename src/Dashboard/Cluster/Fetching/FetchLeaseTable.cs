using Dapper;
using Npgsql;

namespace Dashboard.Cluster.Fetching;

/// <summary>Reads and writes <c>fetch_leases</c> rows (migration 8). Writes are compare-and-set on
/// <see cref="FetchLeaseRow.Version"/>: false when another instance changed the row since it was read.</summary>
public sealed class FetchLeaseTable(NpgsqlDataSource dataSource, TimeSpan commandTimeout)
{
    private const string Columns = """
        entry_key AS Key, row_version AS Version, fingerprint AS Fingerprint, holder AS Holder, lease_id AS LeaseId,
        lease_until_ms AS LeaseUntilMs, failures AS Failures, retry_at_ms AS RetryAtMs, reason AS Reason, public_reason AS PublicReason
        """;

    private readonly int timeoutSeconds = Math.Max(1, (int)Math.Ceiling(commandTimeout.TotalSeconds));

    public async Task<FetchLeaseRow?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Stored>(Command($"SELECT {Columns} FROM fetch_leases WHERE entry_key = @key", new { key }, cancellationToken));
        return row?.ToRow();
    }

    /// <summary>Writes <paramref name="row"/> as the next version of the row read at <see cref="FetchLeaseRow.Version"/>
    /// (0: there was none).</summary>
    public async Task<bool> WriteAsync(FetchLeaseRow row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sql = row.Version == 0
            ? """
              INSERT INTO fetch_leases (entry_key, row_version, fingerprint, holder, lease_id, lease_until_ms, failures, retry_at_ms, reason, public_reason, updated_at_ms)
              VALUES (@Key, 1, @Fingerprint, @Holder, @LeaseId, @LeaseUntilMs, @Failures, @RetryAtMs, @Reason, @PublicReason, @NowMs)
              ON CONFLICT (entry_key) DO NOTHING
              """
            : """
              UPDATE fetch_leases SET row_version = row_version + 1, fingerprint = @Fingerprint, holder = @Holder, lease_id = @LeaseId,
                  lease_until_ms = @LeaseUntilMs, failures = @Failures, retry_at_ms = @RetryAtMs, reason = @Reason,
                  public_reason = @PublicReason, updated_at_ms = @NowMs
              WHERE entry_key = @Key AND row_version = @Version
              """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(sql, Stored.From(row, now), cancellationToken)) == 1;
    }

    /// <summary>Ends <paramref name="holder"/>'s lease of <paramref name="key"/> (the value is in storage) and sends
    /// <paramref name="payload"/> on <paramref name="channel"/>, in one statement: waiters learn of the value as the
    /// lease ends.</summary>
    public async Task ReleaseAndNotifyAsync(string key, string holder, string channel, string payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command(
            """
            WITH released AS (
                UPDATE fetch_leases SET row_version = row_version + 1, lease_id = 0, lease_until_ms = 0, updated_at_ms = @NowMs
                WHERE entry_key = @key AND holder = @holder AND lease_id <> 0
                RETURNING 1)
            SELECT pg_notify(@channel, @payload), (SELECT count(*) FROM released)
            """,
            new { key, holder, channel, payload, NowMs = now.ToUnixTimeMilliseconds() },
            cancellationToken));
    }

    /// <summary>Ends every lease <paramref name="holder"/> holds (at shutdown); returns how many.</summary>
    public async Task<int> ReleaseAllAsync(string holder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(
            """
            UPDATE fetch_leases SET row_version = row_version + 1, lease_id = 0, lease_until_ms = 0, updated_at_ms = @NowMs
            WHERE holder = @holder AND lease_id <> 0 AND lease_until_ms > @NowMs
            """,
            new { holder, NowMs = now.ToUnixTimeMilliseconds() },
            cancellationToken));
    }

    /// <summary>Deletes rows untouched since <paramref name="before"/> that hold no lease and no pending back-off (range
    /// entries nobody reads any more).</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(
            "DELETE FROM fetch_leases WHERE updated_at_ms < @BeforeMs AND lease_until_ms <= @NowMs AND retry_at_ms <= @BeforeMs",
            new { BeforeMs = before.ToUnixTimeMilliseconds(), NowMs = now.ToUnixTimeMilliseconds() },
            cancellationToken));
    }

    private CommandDefinition Command(string sql, object parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, commandTimeout: timeoutSeconds, cancellationToken: cancellationToken);

    private sealed class Stored
    {
        public string Key { get; set; } = string.Empty;

        public long Version { get; set; }

        public string Fingerprint { get; set; } = string.Empty;

        public string Holder { get; set; } = string.Empty;

        public long LeaseId { get; set; }

        public long LeaseUntilMs { get; set; }

        public int Failures { get; set; }

        public long RetryAtMs { get; set; }

        public string Reason { get; set; } = string.Empty;

        public string PublicReason { get; set; } = string.Empty;

        public long NowMs { get; set; }

        public static Stored From(FetchLeaseRow row, DateTimeOffset now) => new()
        {
            Key = row.Key,
            Version = row.Version,
            Fingerprint = row.Fingerprint,
            Holder = row.Holder,
            LeaseId = row.LeaseId,
            LeaseUntilMs = row.LeaseUntil.ToUnixTimeMilliseconds(),
            Failures = row.Failures,
            RetryAtMs = row.RetryAt.ToUnixTimeMilliseconds(),
            Reason = row.Reason,
            PublicReason = row.PublicReason,
            NowMs = now.ToUnixTimeMilliseconds(),
        };

        public FetchLeaseRow ToRow() => new(
            Key,
            Version,
            Fingerprint,
            Holder,
            LeaseId,
            DateTimeOffset.FromUnixTimeMilliseconds(LeaseUntilMs),
            Failures,
            DateTimeOffset.FromUnixTimeMilliseconds(RetryAtMs),
            Reason,
            PublicReason);
    }
}
