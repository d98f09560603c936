namespace Dashboard.Sources.Coordination;

/// <summary>One cache entry: a source, and the time range key for a source that uses the range (null for one that
/// does not). <see cref="Source"/> is the configured name, spelled as in the configuration.</summary>
public readonly record struct FetchKey(string Source, string? Range)
{
    /// <summary>The key values are stored and announced under: the source name, or <c>name#range</c> (source names
    /// cannot contain '#').</summary>
    public string StorageKey => Range is null ? Source : $"{Source}#{Range}";

    public override string ToString() => StorageKey;
}
