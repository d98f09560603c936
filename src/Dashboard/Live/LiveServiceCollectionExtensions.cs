using Dashboard.Sources.Engine;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

public static class LiveServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveOptions>()
            .Bind(configuration.GetSection(LiveOptions.Section))
            .Validate(o => o.MinInterval >= TimeSpan.FromMilliseconds(100), $"{LiveOptions.Section}:MinInterval: must be at least 00:00:00.100")
            .Validate(o => o.Heartbeat >= TimeSpan.FromSeconds(1), $"{LiveOptions.Section}:Heartbeat: must be at least 00:00:01")
            .Validate(o => Enum.IsDefined(o.Mode), $"{LiveOptions.Section}:Mode: must be Refresh or Circuit")
            .Validate(o => o.MaxConnections > 0, $"{LiveOptions.Section}:MaxConnections: must be greater than 0")
            .Validate(o => o.MaxPerClient > 0, $"{LiveOptions.Section}:MaxPerClient: must be greater than 0")
            .ValidateOnStart();
        services.AddSingleton<LiveUpdates>();
        services.AddRateLimiter(o => o.AddPolicy<string, LivePerClientLimit>(LivePerClientLimit.Name));
        services.AddSingleton<IReadInterestSource, LiveRefresher>();
        return services;
    }

    /// <summary>Circuit mode only: the Interactive Server services (SignalR hub, circuits).</summary>
    public static IRazorComponentsBuilder AddDashboardLiveCircuits(this IRazorComponentsBuilder builder, IConfiguration configuration)
    {
        if (UsesCircuits(configuration))
        {
            builder.AddInteractiveServerComponents();
        }

        return builder;
    }

    /// <summary>Circuit mode only: the circuit hub endpoint (/_blazor).</summary>
    public static RazorComponentsEndpointConventionBuilder MapDashboardLiveCircuits(this RazorComponentsEndpointConventionBuilder builder, IConfiguration configuration)
    {
        if (UsesCircuits(configuration))
        {
            builder.AddInteractiveServerRenderMode();
        }

        return builder;
    }

    // Read from configuration, not options: the render mode decides which services exist, before the container is built.
    private static bool UsesCircuits(IConfiguration configuration) =>
        (configuration.GetSection(LiveOptions.Section).Get<LiveOptions>() ?? new LiveOptions()).UsesCircuits;

    /// <summary>Maps /live/{slug} when live updates are on.</summary>
    public static WebApplication MapDashboardLive(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<LiveOptions>>().Value.Enabled)
        {
            app.MapLiveUpdates();
        }

        return app;
    }
}
