using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Dashboard.Configuration;
using Dashboard.TimeRanges;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary><c>GET /live/{slug}?from=…&amp;to=…</c>: a Server-Sent Events stream of the dashboard's version (see <see cref="LiveUpdates"/>):
/// the current one at once, then each newer one, and a "ping" event when idle. The page compares it with the version it
/// was rendered with and refreshes itself when it is behind.</summary>
public static class LiveEndpoint
{
    public const string Pattern = "/live/{slug}";

    /// <summary>The event type of the idle keep-alive; the page ignores it.</summary>
    public const string PingEvent = "ping";

    /// <summary>The event that tells the page this instance is stopping and to reconnect (to another instance, through
    /// the load balancer) after the number of milliseconds in its data.</summary>
    public const string ReconnectEvent = "reconnect";

    /// <summary>How long a browser waits before reconnecting after the stream ends (e.g. a restart).</summary>
    public static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(5);

    /// <summary>On shutdown viewers reconnect after this plus up to <see cref="ShutdownReconnectSpread"/>, so the
    /// instances that remain are not hit by every viewer in the same instant.</summary>
    public static readonly TimeSpan ShutdownReconnectMin = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan ShutdownReconnectSpread = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapLiveUpdates(this IEndpointRouteBuilder app)
    {
        app.MapGet(Pattern, Open).RequireRateLimiting(LivePerClientLimit.Name);
        return app;
    }

    private static IResult Open(
        string slug,
        HttpContext context,
        IDashboardConfigProvider config,
        LiveUpdates live,
        IOptions<LiveOptions> options,
        DashboardTimeRanges ranges,
        IHostApplicationLifetime lifetime)
    {
        if (config.Current.FindDashboard(slug) is not { } dashboard)
        {
            return TypedResults.NotFound();
        }

        // The page's own range (?from=…&to=…, as in its address): its sources are kept fresh at that range. Without one
        // (or with one that cannot be shown, as the page fell back too), the dashboard's default.
        var range = ranges.Select(context, dashboard);
        if (live.TrySubscribe(dashboard.Slug, range.FromUrl ? range.Range : null) is not { } subscription)
        {
            context.Response.Headers.RetryAfter = "60";
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        // A reverse proxy must pass each event on as it is written (nginx buffers otherwise).
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var events = StreamAsync(subscription, live.VersionOf(dashboard), options.Value.Heartbeat, context.RequestAborted, lifetime.ApplicationStopping);
        return TypedResults.ServerSentEvents(events);
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        LiveSubscription subscription,
        long current,
        TimeSpan heartbeat,
        CancellationToken aborted,
        CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        // Ends when the viewer leaves or the app stops: an open stream must never hold up shutdown.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping, cancellation);
        using (subscription)
        {
            // A stream opened while the instance drains gets only the hint to go elsewhere.
            if (!stopping.IsCancellationRequested)
            {
                yield return Version(current);
            }

            while (!ended.IsCancellationRequested)
            {
                bool offered;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(ended.Token))
                {
                    idle.CancelAfter(heartbeat);
                    offered = await WaitAsync(subscription, idle.Token);
                }

                if (ended.IsCancellationRequested)
                {
                    break;
                }

                if (!offered)
                {
                    yield return new SseItem<string>("", PingEvent);
                    continue;
                }

                while (subscription.Versions.TryRead(out var version))
                {
                    yield return Version(version);
                }
            }

            // Stopping (a rolling restart): tell the page to reconnect soon, through the balancer, to an instance that stays.
            if (stopping.IsCancellationRequested && !aborted.IsCancellationRequested)
            {
                yield return ShutdownReconnect(Random.Shared.NextDouble());
            }
        }
    }

    /// <summary>The reconnect hint: the delay in the data (for live.js) and as the SSE <c>retry</c> (for any EventSource).</summary>
    internal static SseItem<string> ShutdownReconnect(double random)
    {
        var delay = ShutdownReconnectMin + (ShutdownReconnectSpread * random);
        return new SseItem<string>(((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), ReconnectEvent) { ReconnectionInterval = delay };
    }

    private static SseItem<string> Version(long version) =>
        new(version.ToString(CultureInfo.InvariantCulture)) { ReconnectionInterval = Reconnect };

    /// <returns>True when a version was offered, false when the wait was cancelled (idle or ended).</returns>
    private static async Task<bool> WaitAsync(LiveSubscription subscription, CancellationToken cancellation)
    {
        try
        {
            return await subscription.Versions.WaitToReadAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
