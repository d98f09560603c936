namespace Dashboard.Storage;

/// <summary>The version of one provisioning file last put in force by any instance: its path as shown
/// (<c>provisioning/sales.json</c>), the hash of its content, and the content itself, so that an instance starting
/// with that file broken can keep this version in force instead of leaving the file's items out.</summary>
public sealed record StoredProvisionedFile(string Path, string Hash, byte[] Content, DateTimeOffset SavedAt);
