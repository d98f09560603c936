using Dashboard.Storage;

namespace Dashboard.Tests.Support;

/// <summary>A store that passes every call to an in-memory one; a test store overrides only what it changes (a stalled
/// ping, frozen value reads and writes).</summary>
public abstract partial class DelegatingDashboardStore : IDashboardStore
{
    protected InMemoryDashboardStore Inner { get; } = new();

    public abstract string Provider { get; }

    public virtual Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task PingAsync(CancellationToken cancellationToken) => Inner.PingAsync(cancellationToken);

    public virtual Task<LastGoodValue?> GetLastGoodAsync(string sourceName, CancellationToken cancellationToken) => Inner.GetLastGoodAsync(sourceName, cancellationToken);

    public virtual Task SaveLastGoodAsync(LastGoodValue value, CancellationToken cancellationToken) => Inner.SaveLastGoodAsync(value, cancellationToken);

    public virtual Task AppendHistoryAsync(HistoryPoint point, CancellationToken cancellationToken) => Inner.AppendHistoryAsync(point, cancellationToken);

    public virtual Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(string sourceName, int limit, CancellationToken cancellationToken) =>
        Inner.GetHistoryAsync(sourceName, limit, cancellationToken);

    public virtual Task<int> PruneHistoryAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => Inner.PruneHistoryAsync(olderThan, cancellationToken);

    public Task<long> GetConfigVersionAsync(CancellationToken cancellationToken) => Inner.GetConfigVersionAsync(cancellationToken);

    public Task<StoredConfigSnapshot> GetConfigAsync(CancellationToken cancellationToken) => Inner.GetConfigAsync(cancellationToken);

    public Task<ConfigSaveResult> SaveConfigItemAsync(StoredConfigItem item, long? expectedVersion, AuditEntry audit, CancellationToken cancellationToken) =>
        Inner.SaveConfigItemAsync(item, expectedVersion, audit, cancellationToken);

    public Task<ConfigSaveResult> DeleteConfigItemAsync(string kind, string name, long expectedVersion, AuditEntry audit, CancellationToken cancellationToken) =>
        Inner.DeleteConfigItemAsync(kind, name, expectedVersion, audit, cancellationToken);

    public Task ReplaceConfigAsync(IReadOnlyList<StoredConfigItem> items, AuditEntry audit, CancellationToken cancellationToken) =>
        Inner.ReplaceConfigAsync(items, audit, cancellationToken);

    public Task<bool> AdoptProvisioningRulesAsync(IReadOnlyList<StoredConfigItem> redundant, AuditEntry audit, CancellationToken cancellationToken) =>
        Inner.AdoptProvisioningRulesAsync(redundant, audit, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int limit, CancellationToken cancellationToken) => Inner.GetAuditAsync(limit, cancellationToken);

    public Task<IReadOnlyList<StoredDataProtectionKey>> GetDataProtectionKeysAsync(CancellationToken cancellationToken) => Inner.GetDataProtectionKeysAsync(cancellationToken);

    public Task SaveDataProtectionKeyAsync(StoredDataProtectionKey key, CancellationToken cancellationToken) => Inner.SaveDataProtectionKeyAsync(key, cancellationToken);

    public Task<bool> TryClaimNotificationAsync(string claimKey, DateTimeOffset at, CancellationToken cancellationToken) => Inner.TryClaimNotificationAsync(claimKey, at, cancellationToken);

    public virtual Task<IReadOnlyList<StoredProvisionedFile>> GetProvisionedFilesAsync(CancellationToken cancellationToken) => Inner.GetProvisionedFilesAsync(cancellationToken);

    public virtual Task SaveProvisionedFileAsync(StoredProvisionedFile file, CancellationToken cancellationToken) => Inner.SaveProvisionedFileAsync(file, cancellationToken);

    public virtual Task DeleteProvisionedFileAsync(string path, CancellationToken cancellationToken) => Inner.DeleteProvisionedFileAsync(path, cancellationToken);

    public virtual Task<SignInAttempt> RecordSignInAttemptAsync(string limitKey, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken) =>
        Inner.RecordSignInAttemptAsync(limitKey, at, window, cancellationToken);

    public virtual Task ForgetSignInAttemptAsync(string id, CancellationToken cancellationToken) => Inner.ForgetSignInAttemptAsync(id, cancellationToken);
}
