using Dapper;

namespace Dashboard.Storage;

/// <summary>The shared Data Protection key ring: rows are only ever added.</summary>
public abstract partial class DapperDashboardStore
{
    public async Task<IReadOnlyList<StoredDataProtectionKey>> GetDataProtectionKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(Command(
            "SELECT name AS Name, xml AS Xml, created_at_ms AS CreatedAtMs FROM data_protection_keys ORDER BY created_at_ms, name",
            null,
            cancellationToken));
        return [.. rows.Select(r => new StoredDataProtectionKey(r.Name, r.Xml, FromUnixMs(r.CreatedAtMs)))];
    }

    public async Task SaveDataProtectionKeyAsync(StoredDataProtectionKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(key.Name, nameof(key));
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // Idempotent, so a retried write (or two instances storing the same key) is harmless.
        await connection.ExecuteAsync(Command(
            "INSERT INTO data_protection_keys (name, xml, created_at_ms) VALUES (@Name, @Xml, @CreatedAtMs) ON CONFLICT (name) DO NOTHING",
            new { key.Name, key.Xml, CreatedAtMs = ToUnixMs(key.CreatedAt) },
            cancellationToken));
    }

    private sealed class KeyRow
    {
        public string Name { get; init; } = "";

        public string Xml { get; init; } = "";

        public long CreatedAtMs { get; init; }
    }
}
