using Dapper;

namespace Dashboard.Storage;

/// <summary>Sign-in attempt counts: one row per key and window, incremented atomically (an upsert returning the new
/// count), so attempts on several instances add up instead of each instance allowing its own share.</summary>
public abstract partial class DapperDashboardStore
{
    public async Task<int> CountSignInAttemptAsync(string limitKey, DateTimeOffset windowStart, DateTimeOffset windowEnd, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(limitKey);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command(
            "DELETE FROM sign_in_attempts WHERE window_end_ms <= @NowMs",
            new { NowMs = ToUnixMs(now) },
            cancellationToken));
        return (int)await connection.ExecuteScalarAsync<long>(Command(
            """
            INSERT INTO sign_in_attempts (limit_key, window_start_ms, window_end_ms, attempts) VALUES (@limitKey, @StartMs, @EndMs, 1)
            ON CONFLICT (limit_key, window_start_ms) DO UPDATE SET attempts = sign_in_attempts.attempts + 1
            RETURNING attempts
            """,
            new { limitKey, StartMs = ToUnixMs(windowStart), EndMs = ToUnixMs(windowEnd) },
            cancellationToken));
    }
}
