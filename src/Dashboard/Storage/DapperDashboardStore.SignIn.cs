using Dapper;

namespace Dashboard.Storage;

/// <summary>Sign-in attempt counts: one row per key and window, incremented atomically (an upsert returning the new
/// count), so attempts on several instances add up instead of each instance allowing its own share.</summary>
public abstract partial class DapperDashboardStore
{
    public async Task<SignInAttemptCounts> CountSignInAttemptAsync(string limitKey, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(limitKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(windowEnd, windowStart);
        var parameters = new
        {
            limitKey,
            StartMs = ToUnixMs(windowStart),
            EndMs = ToUnixMs(windowEnd),
            PreviousStartMs = ToUnixMs(windowStart - (windowEnd - windowStart)),
        };
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // Only the current and the previous window still count; anything that ended before the previous one began is gone.
        await connection.ExecuteAsync(Command("DELETE FROM sign_in_attempts WHERE window_end_ms <= @PreviousStartMs", parameters, cancellationToken));
        var current = await connection.ExecuteScalarAsync<long>(Command(
            """
            INSERT INTO sign_in_attempts (limit_key, window_start_ms, window_end_ms, attempts) VALUES (@limitKey, @StartMs, @EndMs, 1)
            ON CONFLICT (limit_key, window_start_ms) DO UPDATE SET attempts = sign_in_attempts.attempts + 1
            RETURNING attempts
            """,
            parameters,
            cancellationToken));
        var previous = await connection.ExecuteScalarAsync<long?>(Command(
            "SELECT attempts FROM sign_in_attempts WHERE limit_key = @limitKey AND window_start_ms = @PreviousStartMs",
            parameters,
            cancellationToken));
        return new SignInAttemptCounts((int)current, (int)(previous ?? 0));
    }
}
