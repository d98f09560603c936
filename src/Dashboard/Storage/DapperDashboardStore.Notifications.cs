using Dapper;

namespace Dashboard.Storage;

/// <summary>Notification claims: the first instance to insert a claim sends that notice; the others skip it.</summary>
public abstract partial class DapperDashboardStore
{
    private static readonly TimeSpan ClaimRetention = TimeSpan.FromDays(1);

    public async Task<bool> TryClaimNotificationAsync(string claimKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimKey);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command(
            "DELETE FROM notification_claims WHERE claimed_at_ms < @CutoffMs",
            new { CutoffMs = ToUnixMs(at - ClaimRetention) },
            cancellationToken));

        // A conflict means another instance claimed it first: no row is inserted and the caller skips the notice.
        var inserted = await connection.ExecuteAsync(Command(
            "INSERT INTO notification_claims (claim_key, claimed_at_ms) VALUES (@claimKey, @AtMs) ON CONFLICT (claim_key) DO NOTHING",
            new { claimKey, AtMs = ToUnixMs(at) },
            cancellationToken));
        return inserted == 1;
    }
}
