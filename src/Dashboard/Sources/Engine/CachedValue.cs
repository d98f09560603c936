namespace Dashboard.Sources.Engine;

/// <summary>A successful value and when it was fetched.</summary>
public sealed record CachedValue(SourceValue Value, DateTimeOffset FetchedAt);
