using System.Text.Json;
using Dashboard.Storage;

namespace Dashboard.Sources.Engine;

/// <summary>Reads what storage holds for an entry without ever holding a page up: the last good value is awaited at most
/// <see cref="StorageOptions.SharedReadWait"/> (then the refresh calls the upstream; a late answer is still adopted), and
/// history loads in the background.</summary>
internal sealed class StoredValues(IDashboardStore store, TimeProvider time, StorageOptions options, ILogger logger)
{
    public const int HistoryPoints = 30;

    /// <summary>Starts loading the stored history of an entry without a range, once per configuration.</summary>
    public void StartHistoryLoad(SourceEntry entry)
    {
        lock (entry.Gate)
        {
            if (entry.HistoryRequested || entry.Key.Range is not null)
            {
                return;
            }

            entry.HistoryRequested = true;
        }

        _ = LoadHistoryAsync(entry);
    }

    /// <summary>The stored value under <paramref name="fingerprint"/> (adopted into the entry when newer), or null when there
    /// is none, it was fetched under other settings, or storage did not answer in time.</summary>
    public async Task<CachedValue?> ReadLastGoodAsync(SourceEntry entry, string fingerprint)
    {
        var read = LoadLastGoodAsync(entry, fingerprint);
        try
        {
            return await read.WaitAsync(options.SharedReadWait, time);
        }
        catch (TimeoutException)
        {
            logger.LogDebug("Stored value of {Entry} not read within {Wait}: calling the upstream", entry.Key, options.SharedReadWait);
            return null;
        }
    }

    private async Task<CachedValue?> LoadLastGoodAsync(SourceEntry entry, string fingerprint)
    {
        // Bounded on its own: a driver that ignores cancellation still cannot hold the refresh (WaitAsync above).
        using var timeout = new CancellationTokenSource(options.CommandTimeout, time);
        try
        {
            var stored = await store.GetLastGoodAsync(entry.Key.StorageKey, timeout.Token);
            entry.StoreChecked = true;
            if (stored is null || stored.Fingerprint != fingerprint || JsonSerializer.Deserialize<SourceValue>(stored.ValueJson) is not { } value)
            {
                return null;
            }

            var cached = new CachedValue(value, stored.FetchedAt);
            entry.Adopt(fingerprint, cached);
            return cached;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Storage trouble must not stop a refresh: the upstream is called instead. Not the upstream's fault, so not its reason.
            logger.LogWarning("Could not read the stored value of {Entry}: {Error}", entry.Key, ex.GetType().Name);
            return null;
        }
    }

    private async Task LoadHistoryAsync(SourceEntry entry)
    {
        using var timeout = new CancellationTokenSource(options.CommandTimeout, time);
        try
        {
            var history = await store.GetHistoryAsync(entry.Name, HistoryPoints, timeout.Token).WaitAsync(options.CommandTimeout, time);
            entry.LoadHistory(history, HistoryPoints);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Sparklines start from what this instance fetches; the next configuration change tries again.
            logger.LogWarning("Could not read the stored history of {Entry}: {Error}", entry.Key, ex.GetType().Name);
        }
    }
}
