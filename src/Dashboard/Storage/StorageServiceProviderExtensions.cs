using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage;

public static class StorageServiceProviderExtensions
{
    /// <summary>Brings the configured store's schema up to date. Call once at start-up, before serving;
    /// safe when several instances start at once.</summary>
    public static Task MigrateDashboardStorageAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<IDashboardStore>().MigrateAsync(cancellationToken);
    }

    /// <summary>Start-up: waits for storage (retrying for <see cref="StorageOptions.StartupRetryTime"/>), then migrates;
    /// refuses to start with a one-line message when it cannot (<see cref="StorageStartup"/>).</summary>
    public static Task PrepareDashboardStorageAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<StorageStartup>().PrepareAsync(cancellationToken);
}
