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
            .Validate(o => o.MaxConnections > 0, $"{LiveOptions.Section}:MaxConnections: must be greater than 0")
            .ValidateOnStart();
        services.AddSingleton<LiveUpdates>();
        services.AddHostedService<LiveRefresher>();
        return services;
    }

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
