using Dashboard.Cluster.Fetching;
using Dashboard.Health;
using Dashboard.Hosting;
using Dashboard.Sources.Coordination;
using Dashboard.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>The health check's name, and the /health key it is reported under.</summary>
    public const string HealthCheckName = "cluster";

    /// <summary>The notification channel between instances (PostgreSQL storage) or its no-op (SQLite), configuration
    /// changes by notification, and the channel's state in /health. Needs <c>AddDashboardStorage</c>.</summary>
    public static IServiceCollection AddDashboardCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterOptions>>(new ProblemsValidation<ClusterOptions>(o => o.Problems()));
        services.AddSingleton<IClusterBus>(sp => IsPostgres(sp)
            ? ActivatorUtilities.CreateInstance<PostgresClusterBus>(sp)
            : ActivatorUtilities.CreateInstance<SingleInstanceClusterBus>(sp));

        // Before AddSourceEngine, which adds the in-process coordinator only if none is registered.
        services.AddSingleton<IFetchCoordinator>(sp => IsPostgres(sp)
            ? ActivatorUtilities.CreateInstance<PostgresFetchCoordinator>(sp)
            : new InProcessFetchCoordinator(sp.GetRequiredService<TimeProvider>()));

        // The subscribers first: hosted services start in order, so they are subscribed before the first connect resyncs.
        services.AddHostedService<ConfigChangeSubscriber>();
        services.AddHostedService<FetchLeaseLifetime>();
        services.AddSingleton(sp => (IHostedService)sp.GetRequiredService<IClusterBus>());
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>(HealthCheckName, HealthStatus.Degraded, [HealthTags.Detail]);
        return services;
    }

    private static bool IsPostgres(IServiceProvider services) =>
        StorageProviders.Normalize(services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider) == StorageProviders.Postgres;
}
