using Dashboard.Storage;

namespace Dashboard.Sources.Engine;

/// <summary>What a panel gets for its source on one page view.</summary>
public sealed record SourceReading
{
    public required string SourceName { get; init; }

    public required ReadingState State { get; init; }

    /// <summary>The value shown (fresh or last good); null when unavailable.</summary>
    public SourceValue? Value { get; init; }

    /// <summary>When the shown value was fetched.</summary>
    public DateTimeOffset? FetchedAt { get; init; }

    /// <summary>Why the value is stale or unavailable, in detail (it may name hosts, relations or secret names): for
    /// signed-in admins only.</summary>
    public string? Reason { get; init; }

    /// <summary>The generic reason anyone may see (timeout, slow, HTTP 503, invalid JSON, source unavailable…; see
    /// <see cref="PublicReasons"/>).</summary>
    public string? PublicReason { get; init; }

    /// <summary>While the source backs off after a failure: when it is called again (admins see "next try in …").</summary>
    public DateTimeOffset? NextRetryAt { get; init; }

    /// <summary>Recent scalar values, oldest first, for sparklines and deltas.</summary>
    public IReadOnlyList<HistoryPoint> History { get; init; } = [];

    public static SourceReading Unavailable(string sourceName, string reason, string publicReason, DateTimeOffset? nextRetryAt = null) =>
        new() { SourceName = sourceName, State = ReadingState.Unavailable, Reason = reason, PublicReason = publicReason, NextRetryAt = nextRetryAt };
}

public enum ReadingState
{
    Fresh,
    Stale,
    Unavailable,
}
