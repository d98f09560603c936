using System.Threading.RateLimiting;
using Dashboard.Admin;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary>Fair live slots: at most <see cref="LiveOptions.MaxPerClient"/> open <c>/live</c> streams per client
/// address (an IPv6 client: its /64), as the forwarded-headers rules see it, so one client cannot hold the instance's
/// <see cref="LiveOptions.MaxConnections"/>. A concurrency limiter per client: the permit is held while the stream is
/// open. Over the limit: 429 with Retry-After, and the page stays as rendered (live.js tries again later).</summary>
public sealed class LivePerClientLimit(IOptions<LiveOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "live-per-client";

    /// <summary>Seconds a refused browser is asked to wait (live.js waits 30 s in any case).</summary>
    public const string RetryAfterSeconds = "30";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = static (context, cancellationToken) =>
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = RetryAfterSeconds;
        response.ContentType = "text/plain; charset=utf-8";
        return new ValueTask(response.WriteAsync("Too many live dashboards open from your address; this one stays as loaded.", cancellationToken));
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetConcurrencyLimiter(
            SignInRateLimiting.ClientKey(httpContext.Connection.RemoteIpAddress),
            _ => new ConcurrencyLimiterOptions { PermitLimit = options.Value.MaxPerClient, QueueLimit = 0 });
}
