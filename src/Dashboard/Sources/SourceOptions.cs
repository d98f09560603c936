namespace Dashboard.Sources;

/// <summary>Configuration of one source (bound from <c>Dashboard:Sources:{name}</c>).</summary>
public sealed class SourceOptions
{
    /// <summary>Set from the configuration key; not bound.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>http</c> or <c>sql</c>.</summary>
    public string Kind { get; set; } = "http";

    public string? Description { get; set; }

    /// <summary>What the value becomes: scalar, series or table.</summary>
    public ValueShape Shape { get; set; } = ValueShape.Scalar;

    public HttpSourceOptions? Http { get; set; }

    public SqlSourceOptions? Sql { get; set; }

    /// <summary>How long a page waits for this source before showing its fallback.</summary>
    public TimeSpan RenderDeadline { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the upstream call may run (in the background, to refresh the cache).</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A cached value younger than this is served without any upstream call.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(30);

    public RetryOptions Retry { get; set; } = new();

    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>How long a failed refresh keeps the source from being called again (docs/ops.md, "How a failing source is retried").</summary>
    public BackoffOptions Backoff { get; set; } = new();
}

public sealed class HttpSourceOptions
{
    public string Url { get; set; } = "";

    /// <summary>GET or POST.</summary>
    public string Method { get; set; } = "GET";

    /// <summary>Request headers; values may reference secrets as <c>{secret:NAME}</c> (a configuration key or environment variable).</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Query-string parameters appended to the URL; values may reference secrets like headers.</summary>
    public Dictionary<string, string> Query { get; set; } = new(StringComparer.Ordinal);

    /// <summary>JSON body for POST.</summary>
    public string? Body { get; set; }

    /// <summary>Path expression selecting the value from the JSON, e.g. <c>data.items[0].price</c>, <c>items[*].price</c>, <c>['odd key'].x</c>.
    /// Empty selects the whole document.</summary>
    public string? Path { get; set; }
}

public sealed class SqlSourceOptions
{
    /// <summary>Name of a connection under <c>Dashboard:Connections</c>.</summary>
    public string Connection { get; set; } = "";

    public string Query { get; set; } = "";

    /// <summary>Named parameters (<c>@name</c> in the query).</summary>
    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Rows kept for a table; further rows are dropped and the table marked truncated.</summary>
    public int MaxRows { get; set; } = 100;
}

public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retry off.</summary>
    public int MaxRetries { get; set; }

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>The breaker trips on error rates under continuous load (many ranges of one source, many refreshes); a source
/// that starts failing is stopped within seconds by the back-off, which needs no breaker.</summary>
public sealed class CircuitBreakerOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Calls within the sampling window before the breaker judges the failure ratio.</summary>
    public int MinimumThroughput { get; set; } = 10;

    public double FailureRatio { get; set; } = 0.5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker stays open. Null (default): as long as the back-off's next retry
    /// (<see cref="BackoffOptions"/>), growing with each failed probe, so recovery waits for no fixed period.</summary>
    public TimeSpan? BreakDuration { get; set; }
}

/// <summary>After a failed refresh the source is not called again before its retry time: the first retry after the longer
/// of <see cref="MinRetryInterval"/> and <see cref="MaxAgeShare"/> × MaxAge, each later one twice as long (plus up to
/// 20 % jitter), at most <see cref="Max"/>. Views meanwhile get the last good value (or "unavailable") at once.</summary>
public sealed class BackoffOptions
{
    public TimeSpan MinRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The share of MaxAge the first retry waits at least (0 to 1).</summary>
    public double MaxAgeShare { get; set; } = 0.5;

    public TimeSpan Max { get; set; } = TimeSpan.FromMinutes(5);
}
