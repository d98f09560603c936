using Dapper;

namespace Dashboard.Storage;

/// <summary>Sign-in attempts: one row per attempt, so that a limit counts exactly the attempts of the last window
/// (a sliding log) across all instances, whichever instance saw them.</summary>
public abstract partial class DapperDashboardStore
{
    public async Task<SignInAttempt> RecordSignInAttemptAsync(string limitKey, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(limitKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var parameters = new { limitKey, Id = Guid.NewGuid().ToString("N"), AtMs = ToUnixMs(at), SinceMs = ToUnixMs(at - window) };
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // Attempts that left the window no longer count for any key (every limit uses the one SignInWindow).
        await connection.ExecuteAsync(Command("DELETE FROM sign_in_attempts WHERE at_ms <= @SinceMs", parameters, cancellationToken));
        await connection.ExecuteAsync(Command(
            "INSERT INTO sign_in_attempts (id, limit_key, at_ms) VALUES (@Id, @limitKey, @AtMs)",
            parameters,
            cancellationToken));
        var earlier = await connection.QueryAsync<long>(Command(
            "SELECT at_ms FROM sign_in_attempts WHERE limit_key = @limitKey AND at_ms > @SinceMs AND id <> @Id ORDER BY at_ms",
            parameters,
            cancellationToken));
        return new SignInAttempt(parameters.Id, [.. earlier.Select(FromUnixMs)]);
    }

    public async Task ForgetSignInAttemptAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command("DELETE FROM sign_in_attempts WHERE id = @id", new { id }, cancellationToken));
    }
}
