using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary><c>GET /live/{slug}</c>: a Server-Sent Events stream of the dashboard's version (see <see cref="LiveUpdates"/>):
/// the current one at once, then each newer one, and a "ping" event when idle. The page compares it with the version it
/// was rendered with and refreshes itself when it is behind.</summary>
public static class LiveEndpoint
{
    public const string Pattern = "/live/{slug}";

    /// <summary>The event type of the idle keep-alive; the page ignores it.</summary>
    public const string PingEvent = "ping";

    /// <summary>How long a browser waits before reconnecting after the stream ends (e.g. a restart).</summary>
    public static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(5);

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
        IHostApplicationLifetime lifetime)
    {
        if (config.Current.FindDashboard(slug) is not { } dashboard)
        {
            return TypedResults.NotFound();
        }

        if (live.TrySubscribe(dashboard.Slug) is not { } subscription)
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
            yield return Version(current);
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
                    yield break;
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
        }
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
