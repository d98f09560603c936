using Dashboard.Live;
using Dashboard.TimeRanges;

namespace Dashboard.Dashboards;

/// <summary>How a page rendering reads its sources when it is a live refresh.</summary>
public static class LiveReads
{
    /// <summary>An enhanced (blazor.web.js) fetch of a dashboard someone watches live (live.js's refresh, or a switch to
    /// it): the live refresher keeps its sources fresh, so reads show what it has and never start fetches
    /// (SourceEngine.ReadAsync). First loads, pages without JavaScript and dashboards nobody watches read as usual,
    /// waiting up to each source's render deadline for a value that is due. Watched at this page's time range
    /// (<paramref name="range"/>, null: the dashboard's default): a switch to another range reads as usual.</summary>
    public static TimeSpan? KeptFreshEvery(HttpContext? httpContext, LiveOptions options, LiveUpdates live, string slug, TimeRange? range) =>
        options.Enabled
        && httpContext?.Request.Headers.Accept.ToString().Contains("blazor-enhanced-nav=on", StringComparison.OrdinalIgnoreCase) == true
        && live.IsWatched(slug, range)
            ? options.MinInterval
            : null;
}
