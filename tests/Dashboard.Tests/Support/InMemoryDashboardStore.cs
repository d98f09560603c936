using System.Collections.Concurrent;
using Dashboard.Storage;

namespace Dashboard.Tests.Support;

/// <summary>A store for engine tests that need no database; storage itself is covered by the contract suite.</summary>
public sealed partial class InMemoryDashboardStore : IDashboardStore
{
    private readonly ConcurrentDictionary<string, LastGoodValue> lastGood = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<HistoryPoint> history = new();
    private readonly ConcurrentDictionary<string, StoredDataProtectionKey> keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> claims = new(StringComparer.Ordinal);

    public string Provider => "memory";

    public int LastGoodReads;

    public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<LastGoodValue?> GetLastGoodAsync(string sourceName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref LastGoodReads);
        return Task.FromResult(lastGood.GetValueOrDefault(sourceName));
    }

    public Task SaveLastGoodAsync(LastGoodValue value, CancellationToken cancellationToken)
    {
        lastGood.AddOrUpdate(value.SourceName, value, (_, old) => old.FetchedAt > value.FetchedAt ? old : value);
        return Task.CompletedTask;
    }

    public Task AppendHistoryAsync(HistoryPoint point, CancellationToken cancellationToken)
    {
        history.Enqueue(point);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(string sourceName, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HistoryPoint>>(history.Where(p => p.SourceName == sourceName).OrderBy(p => p.At).TakeLast(limit).ToArray());

    public Task<int> PruneHistoryAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => Task.FromResult(0);

    // Stored configuration, kept simply under one lock (the Dapper stores are covered by the contract suite).
    private readonly Lock configLock = new();
    private readonly Dictionary<(string Kind, string Name), StoredConfigItem> configItems = [];
    private readonly List<AuditEntry> audit = [];
    private long configVersion;
    private ConfigRules rules;

    public Task<long> GetConfigVersionAsync(CancellationToken cancellationToken)
    {
        lock (configLock)
        {
            return Task.FromResult(configVersion);
        }
    }

    public Task<StoredConfigSnapshot> GetConfigAsync(CancellationToken cancellationToken)
    {
        lock (configLock)
        {
            return Task.FromResult(new StoredConfigSnapshot(configVersion, rules, configItems.Values.OrderBy(i => i.Kind).ThenBy(i => i.Name).ToArray()));
        }
    }

    public Task<ConfigSaveResult> SaveConfigItemAsync(StoredConfigItem item, long? expectedVersion, AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (configLock)
        {
            var current = configItems.GetValueOrDefault((item.Kind, item.Name));
            if (current?.Version != expectedVersion)
            {
                return Task.FromResult(ConfigSaveResult.Conflicted(current?.Version));
            }

            var version = (expectedVersion ?? 0) + 1;
            configItems[(item.Kind, item.Name)] = item with { Version = version };
            audit.Add(entry);
            configVersion++;
            return Task.FromResult(ConfigSaveResult.Saved(version));
        }
    }

    public Task<ConfigSaveResult> DeleteConfigItemAsync(string kind, string name, long expectedVersion, AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (configLock)
        {
            var current = configItems.GetValueOrDefault((kind, name));
            if (current?.Version != expectedVersion)
            {
                return Task.FromResult(ConfigSaveResult.Conflicted(current?.Version));
            }

            configItems.Remove((kind, name));
            audit.Add(entry);
            configVersion++;
            return Task.FromResult(ConfigSaveResult.Saved(expectedVersion));
        }
    }

    public Task ReplaceConfigAsync(IReadOnlyList<StoredConfigItem> items, AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (configLock)
        {
            var previous = configItems.ToDictionary(i => i.Key, i => i.Value.Version);
            configItems.Clear();
            foreach (var item in items)
            {
                configItems[(item.Kind, item.Name)] = item with { Version = previous.GetValueOrDefault((item.Kind, item.Name)) + 1 };
            }

            audit.Add(entry);
            configVersion++;
            rules = ConfigRules.Provisioning;
            return Task.CompletedTask;
        }
    }

    public Task<bool> AdoptProvisioningRulesAsync(IReadOnlyList<StoredConfigItem> redundant, AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (configLock)
        {
            configVersion++;
            if (rules == ConfigRules.Provisioning)
            {
                return Task.FromResult(false);
            }

            foreach (var item in redundant.Where(i => configItems.GetValueOrDefault((i.Kind, i.Name))?.Version == i.Version))
            {
                configItems.Remove((item.Kind, item.Name));
            }

            audit.Add(entry);
            rules = ConfigRules.Provisioning;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int limit, CancellationToken cancellationToken)
    {
        lock (configLock)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(Enumerable.Reverse(audit).Take(limit).ToArray());
        }
    }

    public Task<IReadOnlyList<StoredDataProtectionKey>> GetDataProtectionKeysAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredDataProtectionKey>>([.. keys.Values.OrderBy(k => k.CreatedAt)]);

    /// <summary>How many of the next key writes fail, as a database that is briefly down would.</summary>
    public int KeyWriteFailures { get; set; }

    public Task SaveDataProtectionKeyAsync(StoredDataProtectionKey key, CancellationToken cancellationToken)
    {
        if (KeyWriteFailures > 0)
        {
            KeyWriteFailures--;
            return Task.FromException(new InvalidOperationException("database down"));
        }

        keys.TryAdd(key.Name, key);
        return Task.CompletedTask;
    }

    public Task<bool> TryClaimNotificationAsync(string claimKey, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(claims.TryAdd(claimKey, at));

    private readonly ConcurrentDictionary<string, StoredProvisionedFile> provisionedFiles = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<StoredProvisionedFile>> GetProvisionedFilesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredProvisionedFile>>([.. provisionedFiles.Values.OrderBy(f => f.Path, StringComparer.Ordinal)]);

    public Task SaveProvisionedFileAsync(StoredProvisionedFile file, CancellationToken cancellationToken)
    {
        provisionedFiles[file.Path] = file;
        return Task.CompletedTask;
    }

    public Task DeleteProvisionedFileAsync(string path, CancellationToken cancellationToken)
    {
        provisionedFiles.TryRemove(path, out _);
        return Task.CompletedTask;
    }

    private readonly ConcurrentDictionary<string, (string Key, DateTimeOffset At)> signInAttempts = new(StringComparer.Ordinal);

    public Task<SignInAttempt> RecordSignInAttemptAsync(string limitKey, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        foreach (var old in signInAttempts.Where(a => a.Value.At <= at - window))
        {
            signInAttempts.TryRemove(old.Key, out _);
        }

        signInAttempts[id] = (limitKey, at);
        var earlier = signInAttempts.Where(a => a.Key != id && a.Value.Key == limitKey).Select(a => a.Value.At).Order().ToList();
        return Task.FromResult(new SignInAttempt(id, earlier));
    }

    public Task ForgetSignInAttemptAsync(string id, CancellationToken cancellationToken)
    {
        signInAttempts.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}
