namespace Dashboard.Storage;

/// <summary>Outcome of a versioned save or delete: the item's new version, or a conflict with the version
/// now stored (null when the item no longer exists).</summary>
public sealed record ConfigSaveResult(bool Conflict, long Version, long? CurrentVersion)
{
    public static ConfigSaveResult Saved(long version) => new(false, version, version);

    public static ConfigSaveResult Conflicted(long? currentVersion) => new(true, 0, currentVersion);
}
