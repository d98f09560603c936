namespace Dashboard.Sources.Engine;

/// <summary>A point-in-time view of one source's health, for status panels, health and admin pages.</summary>
public sealed record SourceStatus
{
    public required string SourceName { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? LastFailureAt { get; init; }

    /// <summary>The last failure's reason; when the breaker refused the call, the last cause with "circuit open" beside it.</summary>
    public string? LastFailureReason { get; init; }

    /// <summary>The last failure that came from the upstream (or the source's settings), never the breaker's refusal.</summary>
    public string? LastCause { get; init; }

    /// <summary>The generic reason of <see cref="LastCause"/>.</summary>
    public string? LastPublicCause { get; init; }

    public TimeSpan? LastLatency { get; init; }

    public int ConsecutiveFailures { get; init; }

    public bool BreakerOpen { get; init; }

    public long Successes { get; init; }

    public long Failures { get; init; }

    /// <summary>Latencies of recent upstream fetches, oldest first.</summary>
    public IReadOnlyList<TimeSpan> RecentLatencies { get; init; } = [];

    /// <summary>True when the last fetch failed or the breaker is open.</summary>
    public bool Failing => BreakerOpen || ConsecutiveFailures > 0;
}
