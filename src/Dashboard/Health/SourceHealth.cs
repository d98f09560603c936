namespace Dashboard.Health;

/// <summary>One source in /health: from the status board, the engine's cache and the fetch counters; no I/O.</summary>
public sealed record SourceHealth
{
    public required string Name { get; init; }

    /// <summary>One of <see cref="SourceStates"/>.</summary>
    public required string State { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    public string? LastErrorReason { get; init; }

    public int ConsecutiveFailures { get; init; }

    public bool BreakerOpen { get; init; }

    public TimeSpan? LatencyP50 { get; init; }

    public TimeSpan? LatencyP95 { get; init; }

    public int LatencySamples { get; init; }

    /// <summary>Upstream fetches by outcome (success, error, timeout, circuit_open, cancelled, unexpected).</summary>
    public IReadOnlyDictionary<string, long> Fetches { get; init; } = new Dictionary<string, long>();

    public TimeSpan? CacheAge { get; init; }

    public TimeSpan MaxAge { get; init; }

    public bool IsFailing => State is SourceStates.Failing or SourceStates.BreakerOpen;
}
