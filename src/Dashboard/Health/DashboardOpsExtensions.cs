using Dashboard.Metrics;
using Dashboard.Notifications;
using Dashboard.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Health;

/// <summary>The one registration point of the ops features: health endpoints, /metrics, source state
/// notifications and the shutdown bound. Needs <c>AddDashboard</c>'s services (engine, store, metrics).</summary>
public static class DashboardOpsExtensions
{
    public const string ShutdownTimeoutKey = "Dashboard:ShutdownTimeout";
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How long an instance keeps serving after SIGTERM with /readyz at 503 (<see cref="Hosting.ShutdownDrain"/>).</summary>
    public const string ShutdownDrainDelayKey = "Dashboard:ShutdownDrainDelay";

    public static IServiceCollection AddDashboardOps(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<HealthOptions>()
            .Bind(configuration.GetSection(HealthOptions.Section))
            .Validate(o => ErrorDetailModes.Normalize(o.ShowErrorDetails) is not null, $"{HealthOptions.Section}:ShowErrorDetails: use 'always', 'authenticated' or 'never'")
            .Validate(o => o.StorageTimeout > TimeSpan.Zero && o.StorageTimeout <= TimeSpan.FromMinutes(1), $"{HealthOptions.Section}:StorageTimeout: must be greater than 00:00:00 and at most 00:01:00")
            .ValidateOnStart();
        services.AddDashboardTelemetry(configuration);
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());

        // On SIGTERM the server stops accepting and lets in-flight pages finish, then the notification and
        // storage queues drain: all within this one bound.
        services.AddOptions<HostOptions>()
            .Configure(o => o.ShutdownTimeout = configuration.GetValue<TimeSpan?>(ShutdownTimeoutKey) ?? DefaultShutdownTimeout)
            .Validate(o => o.ShutdownTimeout > TimeSpan.Zero, $"{ShutdownTimeoutKey}: must be greater than 00:00:00")
            .Validate(
                o => DrainDelay(configuration) >= TimeSpan.Zero && DrainDelay(configuration) < o.ShutdownTimeout,
                $"{ShutdownDrainDelayKey}: must be at least 00:00:00 and less than {ShutdownTimeoutKey}")
            .ValidateOnStart();
        services.AddHostedService(sp => new Hosting.ShutdownDrain(
            DrainDelay(configuration), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Hosting.ShutdownDrain>>()));

        services.AddSingleton<AppInfo>();
        services.AddSingleton<FetchOutcomeTally>();
        services.AddSingleton<SourceHealthReader>();
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>(HealthResponseWriter.StorageCheck, HealthStatus.Unhealthy, [HealthTags.Ready])
            .AddCheck<ConfigurationHealthCheck>(HealthResponseWriter.ConfigurationCheck, HealthStatus.Unhealthy, [HealthTags.Ready])
            .AddCheck<ShutdownHealthCheck>(HealthResponseWriter.ShutdownCheck, HealthStatus.Unhealthy, [HealthTags.Ready])
            .AddCheck<SourcesHealthCheck>(HealthResponseWriter.SourcesCheck, HealthStatus.Degraded, [HealthTags.Detail]);

        services.AddSingleton<StateGauges>();

        // Each request is bounded by NotificationOptions.Timeout. No logging handlers: they would log the
        // webhook URL, which is a secret (Slack keeps its token in the path).
        services.AddHttpClient(NotificationQueue.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                AllowAutoRedirect = false,
            })
            .RemoveAllLoggers();
        services.AddSingleton<NotificationClaims>();
        services.AddSingleton<NotificationQueue>();
        services.AddSingleton<INotificationSink>(sp => sp.GetRequiredService<NotificationQueue>());
        services.AddSingleton<SourceStateNotifier>();

        // Registered in this order so the notifier stops (unsubscribes) before the queue drains.
        services.AddHostedService(sp => sp.GetRequiredService<NotificationQueue>());
        services.AddHostedService(sp => sp.GetRequiredService<SourceStateNotifier>());
        services.AddHostedService<OpsStartup>();
        return services;
    }

    private static TimeSpan DrainDelay(IConfiguration configuration) => configuration.GetValue<TimeSpan?>(ShutdownDrainDelayKey) ?? TimeSpan.Zero;

    /// <summary>Adds the page timing middleware and maps /healthz, /readyz, /health and /metrics. Call it
    /// first in the pipeline set-up, so page timings include the rest of the pipeline.</summary>
    public static WebApplication MapDashboardOps(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<PageTimingMiddleware>();

        // Liveness: the process answers; no dependency is checked, so a database outage never restarts it.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = static _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = static r => r.Tags.Contains(HealthTags.Ready) });
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = static r => r.Tags.Contains(HealthTags.Ready) || r.Tags.Contains(HealthTags.Detail),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });

        app.MapDashboardMetrics(app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value);
        return app;
    }
}
