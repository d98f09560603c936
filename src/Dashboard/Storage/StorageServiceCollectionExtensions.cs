using Dashboard.Sources;
using Dashboard.Sources.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The configuration section <see cref="StorageOptions"/> is bound from.</summary>
    public const string SectionName = "Dashboard:Storage";

    /// <summary>Binds and validates <see cref="StorageOptions"/> (at start-up) and registers the configured
    /// <see cref="IDashboardStore"/> as a singleton. Call <see cref="StorageServiceProviderExtensions.MigrateDashboardStorageAsync"/>
    /// before serving.</summary>
    /// <param name="contentRootPath">What a relative SQLite <c>Data Source</c> is relative to.</param>
    public static IServiceCollection AddDashboardStorage(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(contentRootPath);

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDashboardStore>(sp => CreateStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value, contentRootPath));
        services.TryAddSingleton(sp => new StorageStartup(
            sp,
            sp.GetRequiredService<IOptions<StorageOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<StorageStartup>>(),
            contentRootPath));
        return services;
    }

    /// <summary>Keeps SQL sources off the storage database: refused at start-up (<see cref="StorageIsolationValidator"/>)
    /// and on every open and admin save (<see cref="StorageDatabaseGuard"/>). Call after <see cref="AddDashboardStorage"/>
    /// and <c>AddSqlSources</c>.</summary>
    public static IServiceCollection AddStorageIsolation(this IServiceCollection services, string contentRootPath)
    {
        services.AddSingleton<IValidateOptions<StorageOptions>>(sp => new StorageIsolationValidator(
            sp.GetRequiredService<IOptionsMonitor<SqlConnectionsOptions>>(),
            sp.GetRequiredService<ISecretResolver>(),
            contentRootPath));
        services.TryAddSingleton(sp => new StorageDatabaseGuard(
            sp.GetRequiredService<IOptions<StorageOptions>>(),
            sp.GetRequiredService<IOptionsMonitor<SqlConnectionsOptions>>(),
            sp.GetRequiredService<ISecretResolver>(),
            contentRootPath,
            sp.GetRequiredService<ILogger<StorageDatabaseGuard>>()));
        return services;
    }

    // Options are validated by the time they are read, so an unknown provider here is a programming error.
    internal static DapperDashboardStore CreateStore(StorageOptions options, string contentRootPath) =>
        StorageProviders.Normalize(options.Provider) switch
        {
            StorageProviders.Sqlite => new SqliteDashboardStore(options, contentRootPath),
            StorageProviders.Postgres => new PostgresDashboardStore(options),
            _ => throw new InvalidOperationException($"{SectionName}:Provider: '{options.Provider}' is not supported"),
        };
}
