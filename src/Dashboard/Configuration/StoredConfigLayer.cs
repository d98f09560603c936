using Dashboard.Storage;

namespace Dashboard.Configuration;

/// <summary>The stored half of the configuration: the items created in the admin area, as last read from the database.
/// Every instance reads again when the cheap <c>config_version</c> moved (<see cref="StoredConfigPoller"/>, or at once
/// after its own saves) and hands the new snapshot on (<see cref="Changed"/>): <see cref="DashboardConfigComposer"/>
/// puts it together with the provisioned files.</summary>
public sealed class StoredConfigLayer(IDashboardStore store)
{
    private readonly SemaphoreSlim reloadLock = new(1, 1);
    private StoredConfigSnapshot snapshot = StoredConfigSnapshot.None;

    public StoredConfigSnapshot Snapshot => Volatile.Read(ref snapshot);

    /// <summary>The <c>config_version</c> the current snapshot was read at (-1 before the first read).</summary>
    public long LoadedStoreVersion => Snapshot.ConfigVersion;

    /// <summary>Raised after a read that found a new version (under the reload lock, so in order).</summary>
    public event Action<StoredConfigSnapshot>? Changed;

    /// <summary>Polled: reads only when the stored version moved.</summary>
    public async Task ReloadIfChangedAsync(CancellationToken cancellationToken)
    {
        if (await store.GetConfigVersionAsync(cancellationToken) != LoadedStoreVersion)
        {
            await ReloadAsync(cancellationToken);
        }
    }

    /// <summary>Reads the stored items; when their version moved, they become <see cref="Snapshot"/> and Changed fires.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await reloadLock.WaitAsync(cancellationToken);
        try
        {
            var read = await store.GetConfigAsync(cancellationToken);
            if (read.ConfigVersion == LoadedStoreVersion)
            {
                return;
            }

            Volatile.Write(ref snapshot, read);
            Changed?.Invoke(read);
        }
        finally
        {
            reloadLock.Release();
        }
    }
}
