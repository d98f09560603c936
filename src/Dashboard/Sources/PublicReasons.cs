using System.Globalization;

namespace Dashboard.Sources;

/// <summary>The generic failure reasons anonymous viewers see on dashboard pages. The detailed reason (hosts and
/// ports, database relations and roles, secret names) is shown to signed-in admins only.</summary>
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
    public const string CircuitOpen = "circuit open";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    /// <summary>Not a failure: a live page shows the last good value while its refresh runs.</summary>
    public const string Refreshing = "refreshing";

    /// <summary>"HTTP 503": the status only, which says nothing about the upstream beyond what it answered.</summary>
    public static string Http(int status) => string.Create(CultureInfo.InvariantCulture, $"HTTP {status}");
}
