using System.Threading.Channels;
using System.Xml.Linq;
using Dashboard.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Dashboard.Admin;

/// <summary>The Data Protection key ring kept in the dashboard's database, so every instance signs and reads the same
/// cookies and antiforgery tokens. The framework's repository interface is synchronous, so it is served from memory:
/// keys are loaded (<see cref="LoadAsync"/>) and new keys saved (<see cref="SaveNewKeysAsync"/>) asynchronously, at
/// start-up before any request and then by <see cref="DataProtectionKeySync"/>; no request ever waits on the database.
/// Keys are stored as the framework writes them (not encrypted at rest): database access grants them.</summary>
public sealed class StoredXmlRepository(IDashboardStore store, TimeProvider time) : IXmlRepository
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, StoredDataProtectionKey> keys = new(StringComparer.Ordinal);
    private readonly Channel<StoredDataProtectionKey> unsaved = Channel.CreateUnbounded<StoredDataProtectionKey>();

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (gate)
        {
            return [.. keys.Values.OrderBy(k => k.CreatedAt).Select(k => XElement.Parse(k.Xml))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var key = new StoredDataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting), time.GetUtcNow());
        lock (gate)
        {
            keys[friendlyName] = key;
        }

        unsaved.Writer.TryWrite(key);
    }

    /// <summary>Keys created here and not yet in the database.</summary>
    public int Unsaved => unsaved.Reader.Count;

    /// <summary>Adds the keys other instances stored; returns how many were new here.</summary>
    public async Task<int> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.GetDataProtectionKeysAsync(cancellationToken);
        var added = 0;
        lock (gate)
        {
            foreach (var key in stored)
            {
                added += keys.TryAdd(key.Name, key) ? 1 : 0;
            }
        }

        return added;
    }

    /// <summary>Writes the keys created here; one that fails stays queued for the next call.</summary>
    public async Task SaveNewKeysAsync(CancellationToken cancellationToken)
    {
        while (unsaved.Reader.TryPeek(out var key))
        {
            await store.SaveDataProtectionKeyAsync(key, cancellationToken);
            unsaved.Reader.TryRead(out _);
        }
    }
}
