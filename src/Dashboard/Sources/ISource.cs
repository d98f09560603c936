namespace Dashboard.Sources;

/// <summary>One configured data source. Implementations throw <see cref="SourceFailureException"/> with a
/// human-readable reason for expected failures (HTTP status, bad JSON, path not found, SQL error).</summary>
public interface ISource
{
    string Name { get; }

    Task<SourceFetchResult> FetchAsync(CancellationToken cancellationToken);
}

/// <summary>A shaped value plus the first part of the raw payload (for the admin's "test a source").</summary>
public sealed record SourceFetchResult(SourceValue Value, string? RawPreview = null);
