using Dapper;

namespace Dashboard.Storage;

/// <summary>Admin sessions (<see cref="IAdminSessionStore"/>): one row per sign-in, revoked at sign-out.</summary>
public abstract partial class DapperDashboardStore : IAdminSessionStore
{
    // Revoked and expired rows are kept a while for the record, then deleted as new sessions start.
    private static readonly TimeSpan SessionRetention = TimeSpan.FromDays(7);

    public async Task CreateSessionAsync(string id, string userName, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command(
            "DELETE FROM admin_sessions WHERE expires_at_ms < @CutoffMs",
            new { CutoffMs = ToUnixMs(createdAt - SessionRetention) },
            cancellationToken));
        await connection.ExecuteAsync(Command(
            "INSERT INTO admin_sessions (id, user_name, created_at_ms, expires_at_ms) VALUES (@id, @userName, @CreatedMs, @ExpiresMs)",
            new { id, userName, CreatedMs = ToUnixMs(createdAt), ExpiresMs = ToUnixMs(expiresAt) },
            cancellationToken));
    }

    public async Task<bool> IsSessionOpenAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var open = await connection.ExecuteScalarAsync<long>(Command(
            "SELECT COUNT(*) FROM admin_sessions WHERE id = @id AND revoked_at_ms IS NULL AND expires_at_ms > @NowMs",
            new { id, NowMs = ToUnixMs(now) },
            cancellationToken));
        return open > 0;
    }

    public async Task<bool> RevokeSessionAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(Command(
            "UPDATE admin_sessions SET revoked_at_ms = @NowMs WHERE id = @id AND revoked_at_ms IS NULL",
            new { id, NowMs = ToUnixMs(now) },
            cancellationToken));
        return revoked > 0;
    }
}
