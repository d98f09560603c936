namespace Dashboard.Storage;

/// <summary>One stored configuration item: a JSON document per kind (<see cref="StoredConfigKinds"/>) and name,
/// with a version that increases on every save (optimistic concurrency).</summary>
public sealed record StoredConfigItem(string Kind, string Name, string Json, long Version);
