using Dashboard.Sources.Engine;

namespace Dashboard.Admin;

/// <summary>The state the sources page shows for a source. Sources are fetched when someone looks, so an old value
/// of a source nobody is watching is not a problem: it reads "idle" with the value's age, and "stale" only while a
/// dashboard using it is open (its value should then be kept fresh) and the value is older than the source's MaxAge.</summary>
public static class SourceActivity
{
    public const string BreakerOpen = "breaker open";
    public const string Failing = "failing";
    public const string NotFetched = "not fetched yet";
    public const string Stale = "stale";
    public const string Idle = "idle";
    public const string Fresh = "fresh";

    /// <param name="maxAge">The source's MaxAge.</param>
    /// <param name="watched">Whether a dashboard using the source is open in a browser (live viewers).</param>
    public static string StateOf(SourceStatus status, TimeSpan maxAge, DateTimeOffset now, bool watched) =>
        status.BreakerOpen ? BreakerOpen
        : status.ConsecutiveFailures > 0 ? Failing
        : status.LastSuccessAt is not { } at ? NotFetched
        : now - at <= maxAge ? Fresh
        : watched ? Stale
        : Idle;
}
