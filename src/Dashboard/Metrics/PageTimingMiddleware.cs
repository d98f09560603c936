namespace Dashboard.Metrics;

/// <summary>Measures dashboard pages (<c>/</c> and <c>/d/{slug}</c>): time to first byte when the response
/// starts (the streamed shell's first flush) and render time when the last batch has been written.
/// Register early, so the time spent in later middleware counts.</summary>
public sealed class PageTimingMiddleware(RequestDelegate next, DashboardMetrics metrics, TimeProvider time)
{
    public const string RootRoute = "/";
    public const string DashboardRoute = "/d/{slug}";

    public async Task InvokeAsync(HttpContext context)
    {
        var route = RouteOf(context.Request);
        if (route is null)
        {
            await next(context);
            return;
        }

        // One small state object per page request keeps the callback static (nothing else captured).
        var timing = new PageTiming(metrics, time, context, route, time.GetTimestamp());
        context.Response.OnStarting(static state => ((PageTiming)state).Started(), timing);
        try
        {
            await next(context);
        }
        finally
        {
            metrics.RecordPageRender(route, context.Response.StatusCode, time.GetElapsedTime(timing.StartedAt));
        }
    }

    private static string? RouteOf(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return null;
        }

        var path = request.Path;
        if (!path.HasValue || path.Value == "/")
        {
            return RootRoute;
        }

        return path.StartsWithSegments("/d", StringComparison.OrdinalIgnoreCase, out var rest) && rest.Value?.Trim('/') is { Length: > 0 } slug && !slug.Contains('/')
            ? DashboardRoute
            : null;
    }

    private sealed class PageTiming(DashboardMetrics metrics, TimeProvider time, HttpContext context, string route, long startedAt)
    {
        public long StartedAt => startedAt;

        public Task Started()
        {
            metrics.RecordPageFirstByte(route, context.Response.StatusCode, time.GetElapsedTime(startedAt));
            return Task.CompletedTask;
        }
    }
}
