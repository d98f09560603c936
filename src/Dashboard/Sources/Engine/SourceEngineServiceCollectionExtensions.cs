using Polly;
using Dashboard.Sources.Coordination;
using Dashboard.Sources.Ranges;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Sources.Engine;

public static class SourceEngineServiceCollectionExtensions
{
    /// <summary>The engine and what it runs on: status board, Polly pipelines, background persistence, refresh-ahead, the
    /// in-process fetch coordinator and window renewer (a cluster or the time-range feature registers its own first).</summary>
    public static IServiceCollection AddSourceEngine(this IServiceCollection services)
    {
        services.AddSingleton<SourceStatusBoard>();
        services.AddResiliencePipelineRegistry<string>();

        // Polly logs each execution's result: a fetched value (and its raw preview) is data, not a log line.
        services.Configure<Polly.Telemetry.TelemetryOptions>(o => o.ResultFormatter = static (_, result) => result is SourceFetchResult ? nameof(SourceFetchResult) : result);
        services.AddSingleton<SourcePipelines>();
        services.TryAddSingleton<IFetchCoordinator, InProcessFetchCoordinator>();
        services.TryAddSingleton<ITimeWindowRenewer, DefaultTimeWindowRenewer>();
        services.AddSingleton<SourceEngine>();
        services.AddSingleton<PersistenceQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<PersistenceQueue>());
        services.AddHostedService<RefreshAheadService>();
        return services;
    }
}
