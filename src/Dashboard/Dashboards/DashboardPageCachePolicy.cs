using System.Globalization;
using Dashboard.Configuration;
using Dashboard.Live;
using Dashboard.Metrics;
using Dashboard.Sources.Engine;
using Dashboard.TimeRanges;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Dashboard.Dashboards;

/// <summary>Output caching for dashboard pages: anonymous GET only, no request locking (a page that turns out
/// not to be cacheable must never make other viewers queue behind it), and stored only when the page itself said
/// that every panel was fresh (<see cref="ReuseWhileFresh"/>), for at most as long as they all stay fresh.
/// The configuration version is part of the key: after an edit (here, or on another instance) the next view renders
/// the new configuration, and a rendering of the old one can never be served again. So is the newest source refresh
/// (<see cref="LiveUpdates.Sequence"/>), and the time range shown with where its window ends (a relative range's page is
/// another rendering once its window moved on); other query parameters are not, so they cannot split the cache. A range
/// the page cannot show is never looked up or stored (its message quotes what was typed).</summary>
public sealed class DashboardPageCachePolicy(IOptions<PageCacheOptions> options, IDashboardConfigProvider config, LiveUpdates live, DashboardTimeRanges ranges, DashboardMetrics metrics) : IOutputCachePolicy
{
    /// <summary>The named policy the dashboard page opts into (<c>[OutputCache(PolicyName = …)]</c>).</summary>
    public const string Name = "dashboard-page";

    private static readonly object ApprovedKey = new();
    private const string EnhancedNavigationHeader = "blazor-enhanced-nav";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var request = context.HttpContext.Request;
        var cacheable = options.Value.Duration > TimeSpan.Zero
            && HttpMethods.IsGet(request.Method)
            && !request.Headers.ContainsKey("Authorization")
            && context.HttpContext.User.Identity?.IsAuthenticated != true;
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowLocking = false;

        // Storage must be allowed now for the middleware to watch the response at all; the page withdraws it before
        // writing anything (so nothing is copied) unless every panel is fresh.
        context.AllowCacheStorage = cacheable;
        context.ResponseExpirationTimeSpan = options.Value.Duration;
        context.CacheVaryByRules.VaryByValues["config-version"] = config.Current.Version.ToString(CultureInfo.InvariantCulture);
        // A source that got a new value starts a new key: a live refresh (or any view) never gets a page from before it.
        context.CacheVaryByRules.VaryByValues["live-sequence"] = live.Sequence.ToString(CultureInfo.InvariantCulture);
        // A table sorted by a header link is another rendering; other query parameters change nothing (yet) and are
        // left out, so they cannot split the cache.
        context.CacheVaryByRules.VaryByValues["sort"] = Panels.Tables.TableSort.CacheKey(request.Query);
        if (config.Current.FindDashboard(context.HttpContext.GetRouteValue("Slug") as string) is { } dashboard)
        {
            var range = ranges.Select(context.HttpContext, dashboard);
            context.CacheVaryByRules.VaryByValues["range"] = range.CacheKey;
            if (range.Problem is not null)
            {
                context.AllowCacheLookup = false;
                context.AllowCacheStorage = false;
            }
        }

        // Pages are stored compressed (compression runs inside the cache): one entry per encoding the client gets.
        context.CacheVaryByRules.VaryByValues["encoding"] = Compression.SecretSafeCompressionProvider.EncodingFor(context.HttpContext);
        if (cacheable)
        {
            context.HttpContext.Response.OnStarting(RestoreEnhancedNavigationHeader, context.HttpContext.Response);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The output cache hands stored header values back from its table of common strings, matched ignoring case:
    /// Blazor's <c>blazor-enhanced-nav: allow</c> comes back as "Allow", which blazor.web.js does not accept, so a
    /// stored page would turn an enhanced navigation (and every live refresh) into a full reload.</summary>
    private static Task RestoreEnhancedNavigationHeader(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        if (headers.TryGetValue(EnhancedNavigationHeader, out var value) && string.Equals(value, "allow", StringComparison.OrdinalIgnoreCase))
        {
            headers[EnhancedNavigationHeader] = "allow";
        }

        return Task.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        metrics.RecordPageCache("served");
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (!context.HttpContext.Items.ContainsKey(ApprovedKey) || response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        metrics.RecordPageCache(context.AllowCacheStorage ? "stored" : "rendered");
        return ValueTask.CompletedTask;
    }

    /// <summary>Called by the page before it writes anything: a signed-in viewer's page (which may show failure details)
    /// is marked <c>Cache-Control: private, no-store</c> and withdrawn from output caching, whatever the request looked
    /// like; <see cref="IOutputCachePolicy.CacheRequestAsync"/> already skips such requests, this keeps it so should that rule change.</summary>
    public static void KeepPrivateWhenSignedIn(HttpContext? httpContext)
    {
        if (httpContext?.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        NeverStore(httpContext);

        if (!httpContext.Response.HasStarted)
        {
            httpContext.Response.Headers.CacheControl = "private, no-store";
        }
    }

    /// <summary>Called by the page before it writes anything: this rendering is never stored.</summary>
    public static void NeverStore(HttpContext? httpContext)
    {
        if (httpContext?.Features.Get<IOutputCacheFeature>()?.Context is { } context)
        {
            context.AllowCacheStorage = false;
        }
    }

    /// <summary>Called by the page before it writes anything: lets its rendering be stored when every reading was
    /// already fresh (no panel streams in later), for the shorter of the configured duration and the time until the
    /// first value goes stale.</summary>
    public static void ReuseWhileFresh(HttpContext? httpContext, IEnumerable<(Task<SourceReading> Reading, TimeSpan MaxAge)> panels, DateTimeOffset now)
    {
        if (httpContext?.Features.Get<IOutputCacheFeature>()?.Context is not { EnableOutputCaching: true } context)
        {
            return;
        }

        var reuseFor = context.ResponseExpirationTimeSpan ?? TimeSpan.Zero;
        foreach (var (task, maxAge) in panels)
        {
            // Only readings that already completed count (a pending one means the panel streams in later), so reading
            // the result never waits.
            if (!task.IsCompletedSuccessfully || task.Result is not { State: ReadingState.Fresh, FetchedAt: { } fetchedAt })
            {
                reuseFor = TimeSpan.Zero;
                break;
            }

            var freshFor = fetchedAt + maxAge - now;
            if (freshFor < reuseFor)
            {
                reuseFor = freshFor;
            }
        }

        if (reuseFor > TimeSpan.Zero)
        {
            context.ResponseExpirationTimeSpan = reuseFor;
            httpContext.Items[ApprovedKey] = true;
        }
        else
        {
            context.AllowCacheStorage = false;
        }
    }
}
