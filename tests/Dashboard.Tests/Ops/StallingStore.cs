using Dashboard.Storage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Ops;

/// <summary>A store whose ping never answers: until cancelled, or (ignoreCancellation) not at all, like a
/// driver stuck in a blocking call. Everything else works (in memory), so the app starts.</summary>
public sealed class StallingStore(bool ignoreCancellation) : IDashboardStore
{
    private readonly TaskCompletionSource never = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly InMemoryDashboardStore inner = new();
    private int pings;

    public string Provider => "stalling";

    public int Pings => Volatile.Read(ref pings);

    public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PingAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref pings);
        return ignoreCancellation ? never.Task : Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
    }

    public Task<LastGoodValue?> GetLastGoodAsync(string sourceName, CancellationToken cancellationToken) => inner.GetLastGoodAsync(sourceName, cancellationToken);

    public Task SaveLastGoodAsync(LastGoodValue value, CancellationToken cancellationToken) => inner.SaveLastGoodAsync(value, cancellationToken);

    public Task AppendHistoryAsync(HistoryPoint point, CancellationToken cancellationToken) => inner.AppendHistoryAsync(point, cancellationToken);

    public Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(string sourceName, int limit, CancellationToken cancellationToken) =>
        inner.GetHistoryAsync(sourceName, limit, cancellationToken);

    public Task<int> PruneHistoryAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => inner.PruneHistoryAsync(olderThan, cancellationToken);

    public Task<long> GetConfigVersionAsync(CancellationToken cancellationToken) => inner.GetConfigVersionAsync(cancellationToken);

    public Task<StoredConfigSnapshot> GetConfigAsync(CancellationToken cancellationToken) => inner.GetConfigAsync(cancellationToken);

    public Task<ConfigSaveResult> SaveConfigItemAsync(StoredConfigItem item, long? expectedVersion, AuditEntry audit, CancellationToken cancellationToken) =>
        inner.SaveConfigItemAsync(item, expectedVersion, audit, cancellationToken);

    public Task<ConfigSaveResult> DeleteConfigItemAsync(string kind, string name, long expectedVersion, AuditEntry audit, CancellationToken cancellationToken) =>
        inner.DeleteConfigItemAsync(kind, name, expectedVersion, audit, cancellationToken);

    public Task ReplaceConfigAsync(IReadOnlyList<StoredConfigItem> items, AuditEntry audit, CancellationToken cancellationToken) =>
        inner.ReplaceConfigAsync(items, audit, cancellationToken);

    public Task<bool> AdoptProvisioningRulesAsync(IReadOnlyList<StoredConfigItem> redundant, AuditEntry audit, CancellationToken cancellationToken) =>
        inner.AdoptProvisioningRulesAsync(redundant, audit, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int limit, CancellationToken cancellationToken) => inner.GetAuditAsync(limit, cancellationToken);

    public Task<IReadOnlyList<StoredDataProtectionKey>> GetDataProtectionKeysAsync(CancellationToken cancellationToken) => inner.GetDataProtectionKeysAsync(cancellationToken);

    public Task SaveDataProtectionKeyAsync(StoredDataProtectionKey key, CancellationToken cancellationToken) => inner.SaveDataProtectionKeyAsync(key, cancellationToken);

    public Task<bool> TryClaimNotificationAsync(string claimKey, DateTimeOffset at, CancellationToken cancellationToken) => inner.TryClaimNotificationAsync(claimKey, at, cancellationToken);
}
