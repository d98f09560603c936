namespace Dashboard.Storage;

/// <summary>Every stored configuration item, read in one transaction, with the configuration version at that moment.
/// <see cref="Seeded"/> is false while nothing was ever stored (the file configuration then seeds the database).</summary>
public sealed record StoredConfigSnapshot(long ConfigVersion, bool Seeded, IReadOnlyList<StoredConfigItem> Items)
{
    /// <summary>The item of <paramref name="kind"/> named <paramref name="name"/>; names compare case-insensitively like routes.</summary>
    public StoredConfigItem? Find(string kind, string? name) =>
        Items.FirstOrDefault(i => i.Kind == kind && string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
}
