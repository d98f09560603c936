using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Dashboard.Hosting;

/// <summary>Forwarded headers from the configured proxies only: the client address (for the sign-in rate limit and
/// logs) and scheme (for HSTS) are taken from <c>X-Forwarded-For</c> / <c>-Proto</c> only when the immediate peer is
/// a known proxy. Without any configured the middleware is left out, as with empty lists it would trust everyone.</summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddDashboardForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardedHeadersSettings>()
            .Bind(configuration.GetSection(ForwardedHeadersSettings.Section))
            .Validate(s => s.KnownProxies.All(IsAddress), $"{ForwardedHeadersSettings.Section}:KnownProxies: each entry must be an IP address, e.g. 10.0.0.5")
            .Validate(s => s.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), $"{ForwardedHeadersSettings.Section}:KnownNetworks: each entry must be a network in CIDR form, e.g. 10.0.0.0/24")
            .Validate(s => s.ForwardLimit >= 1, $"{ForwardedHeadersSettings.Section}:ForwardLimit must be at least 1")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.Value.ForwardLimit;

            // Replace the framework's defaults (loopback), so only what is configured is trusted.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            }

            foreach (var network in settings.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }
        });
        return services;
    }

    /// <summary>An IPv4 address only in its usual dotted form: the parser would also take "10.1.2" (as 10.1.0.2), a typo
    /// that would trust the wrong host.</summary>
    private static bool IsAddress(string text) =>
        IPAddress.TryParse(text, out var address)
        && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || address.ToString() == text.Trim());

    /// <summary>First in the pipeline, so everything after sees the real client.</summary>
    public static IApplicationBuilder UseDashboardForwardedHeaders(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.IsEnabled)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
