using Dashboard.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Sources.Sql;

public static class SqlSourceServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ISqlConnectionFactory"/> (singleton, disposed with the container) over the
    /// connections in <c>Dashboard:Connections</c>, reloaded when configuration changes, and a configuration-backed
    /// <see cref="ISecretResolver"/> unless one is already registered.</summary>
    /// <param name="contentRootPath">Base folder for relative SQLite <c>Data Source</c> paths.</param>
    public static IServiceCollection AddSqlSources(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(contentRootPath);

        var section = configuration.GetSection(SqlConnectionsOptions.SectionPath);
        services.AddOptions<SqlConnectionsOptions>().Configure(o => section.Bind(o.Connections));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<SqlConnectionsOptions>>(
            new ConfigurationChangeTokenSource<SqlConnectionsOptions>(section)));
        services.TryAddSingleton<ISecretResolver>(_ => new ConfigurationSecretResolver(configuration));
        services.TryAddSingleton<ISqlConnectionFactory>(sp => new SqlConnectionFactory(
            sp.GetRequiredService<IOptionsMonitor<SqlConnectionsOptions>>(),
            sp.GetRequiredService<ISecretResolver>(),
            contentRootPath,
            sp.GetService<StorageDatabaseGuard>()));
        return services;
    }
}
