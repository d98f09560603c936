using Dashboard.Storage;

namespace Dashboard.Configuration.Provisioning;

/// <summary>Keeps the last good version of each provisioning file in storage, so that an instance starting with a
/// file broken (a bad deploy, a half-written edit) keeps that file's last good version in force, as a running instance
/// does, instead of its dashboards disappearing until it is fixed. Shared by the instances on one database: whichever
/// put a version in force last saved it. A version is saved when it goes into force and forgotten when its file is
/// removed from the folder; storage being down only delays the saving (the next reload tries again).</summary>
public sealed class ProvisioningLastGood(IDashboardStore store, ProvisioningFolder folder, TimeProvider time, ILogger<ProvisioningLastGood> logger)
{
    // A frozen database must not hold up start-up or the folder watcher: after this, the saved versions wait.
    private static readonly TimeSpan StorageBound = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim gate = new(1, 1);

    // What storage holds, as far as this instance knows: only paths of its own folder (others' rows are left alone).
    private readonly Dictionary<string, string> saved = new(StringComparer.Ordinal);

    /// <summary>The saved version of each folder file in <paramref name="read"/>, as the folder would read it now; a
    /// saved version that no longer reads (an older format) is skipped.</summary>
    public async Task<IReadOnlyDictionary<string, ProvisionedFile>> LoadAsync(IReadOnlyList<ProvisionedFile> read, CancellationToken cancellationToken)
    {
        var present = FolderPaths(read);
        IReadOnlyList<StoredProvisionedFile> rows;
        try
        {
            rows = await BoundedStorageCall.RunAsync(store.GetProvisionedFilesAsync, StorageBound, time, cancellationToken);
        }
        catch (Exception ex) when (StorageFaults.IsStorageError(ex) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not read the last good versions of the provisioning files; a broken file's items are left out until it is fixed");
            return new Dictionary<string, ProvisionedFile>();
        }

        var versions = new Dictionary<string, ProvisionedFile>(StringComparer.Ordinal);
        await gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var row in rows.Where(r => present.Contains(r.Path)))
            {
                saved[row.Path] = row.Hash;
                if (folder.Parse(row.Path, row.Content) is { Readable: true } version)
                {
                    versions[row.Path] = version;
                }
            }
        }
        finally
        {
            gate.Release();
        }

        return versions;
    }

    /// <summary>Saves the folder files of <paramref name="accepted"/> whose version in force is not the one saved, and
    /// forgets saved files no longer in the folder (<paramref name="read"/>).</summary>
    public async Task SaveAsync(IReadOnlyDictionary<string, ProvisionedFile> accepted, IReadOnlyList<ProvisionedFile> read, CancellationToken cancellationToken)
    {
        var present = FolderPaths(read);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var toSave = accepted.Values.Where(f => f.Content is not null && saved.GetValueOrDefault(f.Path) != f.Hash).ToList();
            var toForget = saved.Keys.Where(p => !present.Contains(p)).ToList();
            if (toSave.Count == 0 && toForget.Count == 0)
            {
                return;
            }

            var now = time.GetUtcNow();
            await BoundedStorageCall.RunAsync(
                async ct =>
                {
                    foreach (var file in toSave)
                    {
                        await store.SaveProvisionedFileAsync(new StoredProvisionedFile(file.Path, file.Hash, file.Content!, now), ct);
                    }

                    foreach (var path in toForget)
                    {
                        await store.DeleteProvisionedFileAsync(path, ct);
                    }
                },
                StorageBound,
                time,
                cancellationToken);

            // Only what storage confirmed: what failed is tried again at the next save.
            toSave.ForEach(f => saved[f.Path] = f.Hash);
            toForget.ForEach(p => saved.Remove(p));
        }
        catch (Exception ex) when (StorageFaults.IsStorageError(ex) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not save the last good versions of the provisioning files; trying again at the next change");
        }
        finally
        {
            gate.Release();
        }
    }

    private static HashSet<string> FolderPaths(IReadOnlyList<ProvisionedFile> read) =>
        read.Where(f => f.Path != AppSettingsProvisioning.DisplayName).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
}
