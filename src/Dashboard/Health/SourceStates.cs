namespace Dashboard.Health;

/// <summary>Per-source states reported by /health.</summary>
public static class SourceStates
{
    /// <summary>The last fetch succeeded and the cached value is younger than the source's MaxAge (or MaxAge
    /// is 0: fetched on every view).</summary>
    public const string Fresh = "fresh";

    /// <summary>The last fetch succeeded but the cached value is older than MaxAge (sources are fetched when
    /// viewed, so this often just means nobody looked since).</summary>
    public const string Stale = "stale";

    /// <summary>The last fetch failed.</summary>
    public const string Failing = "failing";

    /// <summary>The circuit breaker is open: fetches are short-circuited for now.</summary>
    public const string BreakerOpen = "breaker_open";

    /// <summary>No fetch yet and nothing cached.</summary>
    public const string NeverFetched = "never_fetched";
}
