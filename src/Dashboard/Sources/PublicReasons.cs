using System.Globalization;

namespace Dashboard.Sources;

/// <summary>The generic failure reasons anonymous viewers see on dashboard pages. The detailed reason (hosts and
/// ports, database relations and roles, secret names, the breaker's state) is shown to signed-in admins only.</summary>
public static class PublicReasons
{
    public const string Timeout = "timeout";
    public const string ConnectionFailed = "connection failed";
    public const string InvalidJson = "invalid JSON";
    public const string QueryFailed = "query failed";
    public const string ResponseTooLarge = "response too large";
    public const string UnexpectedData = "unexpected data";
    public const string Configuration = "configuration error";
    public const string TargetRefused = "target not allowed";

    /// <summary>The source is not being called for now (its breaker is open) and no earlier failure says why. Never
    /// "circuit": that is the breaker's state, not a cause a viewer can act on.</summary>
    public const string Unavailable = "source unavailable";

    /// <summary>The page stopped waiting for a refresh that is still running (its render deadline passed).</summary>
    public const string Slow = "slow";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    /// <summary>Not a failure: a live page shows the last good value while its refresh runs.</summary>
    public const string Refreshing = "refreshing";

    /// <summary>"HTTP 503": the status only, which says nothing about the upstream beyond what it answered.</summary>
    public static string Http(int status) => string.Create(CultureInfo.InvariantCulture, $"HTTP {status}");
}
