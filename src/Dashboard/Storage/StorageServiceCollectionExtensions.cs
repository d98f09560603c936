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
        services.TryAddSingleton<IDashboardStore>(sp => CreateStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value, contentRootPath));
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
