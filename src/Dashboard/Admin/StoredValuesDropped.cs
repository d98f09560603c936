namespace Dashboard.Admin;

/// <summary>Write-only header and query values of a source that were not carried over to its new URL, and why
/// (the origin changed); the dictionaries are the stored ones, used for their names only.</summary>
public sealed record StoredValuesDropped(Dictionary<string, string> Headers, Dictionary<string, string> Query, string Why);
