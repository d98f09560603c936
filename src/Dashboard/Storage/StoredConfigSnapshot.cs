namespace Dashboard.Storage;

/// <summary>Every stored configuration item, read in one transaction, with the configuration version at that moment
/// and the rule the items were written under (<see cref="ConfigRules"/>).</summary>
public sealed record StoredConfigSnapshot(long ConfigVersion, ConfigRules Rules, IReadOnlyList<StoredConfigItem> Items)
{
    /// <summary>Nothing read yet (before start-up loads the store).</summary>
    public static StoredConfigSnapshot None { get; } = new(-1, ConfigRules.Empty, []);

    /// <summary>The item of <paramref name="kind"/> named <paramref name="name"/>; names compare case-insensitively like routes.</summary>
    public StoredConfigItem? Find(string kind, string? name) =>
        Items.FirstOrDefault(i => i.Kind == kind && string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
}
