namespace Dashboard.Sources;

/// <summary>One configured data source. Implementations throw <see cref="SourceFailureException"/> with a
/// human-readable reason for expected failures (HTTP status, bad JSON, path not found, SQL error).</summary>
public interface ISource
{
    string Name { get; }

    /// <param name="request">What this fetch is for: the time window a source that uses the range substitutes into its
    /// request (<see cref="Ranges.TimeRangePlaceholders"/>); a source that does not ignores it.</param>
    Task<SourceFetchResult> FetchAsync(SourceFetchRequest request, CancellationToken cancellationToken);
}

/// <summary>A shaped value plus the first part of the raw payload (for the admin's "test a source").</summary>
public sealed record SourceFetchResult(SourceValue Value, string? RawPreview = null);
