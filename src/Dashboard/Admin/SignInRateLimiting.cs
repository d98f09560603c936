using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>The sign-in page's rate-limiting policy: its posts, per client address, with a clear 429 page. It is endpoint
/// metadata (<c>[EnableRateLimiting]</c> on the page), so every spelling of the path that routes to the page is limited.
/// The counts live in storage (<see cref="SignInAttemptCounter"/>): several instances share one limit.</summary>
public static class SignInRateLimiting
{
    /// <summary>The scope of per-address counts in <see cref="SignInAttemptCounter"/>.</summary>
    public const string AddressScope = "address";

    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<SignInAttemptCounter>();
        services.AddSingleton<SignInUserLimiter>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(AdminAuthentication.SignInRateLimitPolicy, context =>
            {
                // Reading the page (and getting its form token) is not limited; only attempts are.
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                // Counted in storage, so that every instance behind a load balancer counts the same attempts.
                var admin = context.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
                var counter = context.RequestServices.GetRequiredService<SignInAttemptCounter>();
                return RateLimitPartition.Get(ClientKey(context.Connection.RemoteIpAddress), key =>
                    new StoredSignInLimiter(counter, AddressScope, key, admin.SignInPermitLimit, admin.SignInWindow));
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                SetRetryAfter(response, context.Lease);
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(
                    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many sign-in attempts</title>"
                    + "<link rel=\"stylesheet\" href=\"/css/dashboard.css\"></head><body><main id=\"main\"><h1>Too many sign-in attempts</h1><p role=\"alert\">"
                    + AdminAuthentication.TooManyAttemptsMessage
                    + "</p><p><a href=\"/admin/sign-in\">Back to sign-in</a></p></main></body></html>",
                    cancellationToken);
            };
        });
        return services;
    }

    /// <summary>The partition of a client: its IPv4 address, or the /64 of an IPv6 one (one site commonly holds a
    /// whole /64, so single addresses would be free to rotate). The address is the forwarded client's only behind a
    /// known proxy (see ForwardedHeadersSetup).</summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Retry-After in whole seconds, when the limiter says how long.</summary>
    public static void SetRetryAfter(HttpResponse response, RateLimitLease lease)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }
}
