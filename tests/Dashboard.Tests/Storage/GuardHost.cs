using Dashboard.Sources;
using Dashboard.Sources.Sql;
using Dashboard.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Storage;

/// <summary>The storage guard as the app wires it (storage, SQL connections, isolation) over in-memory settings.</summary>
internal sealed class GuardHost : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public GuardHost(string storageProvider, string storageConnectionString, Dictionary<string, (string Provider, string ConnectionString)> connections)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dashboard:Storage:Provider"] = storageProvider,
            ["Dashboard:Storage:ConnectionString"] = storageConnectionString,
        };
        foreach (var (name, (provider, connectionString)) in connections)
        {
            settings[$"Dashboard:Connections:{name}:Provider"] = provider;
            settings[$"Dashboard:Connections:{name}:ConnectionString"] = connectionString;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var root = Path.GetTempPath();
        services = new ServiceCollection()
            .AddLogging()
            .AddDashboardStorage(configuration, root)
            .AddSqlSources(configuration, root)
            .AddStorageIsolation(root)
            .BuildServiceProvider();
    }

    public StorageDatabaseGuard Guard => services.GetRequiredService<StorageDatabaseGuard>();

    public ISqlConnectionFactory Connections => services.GetRequiredService<ISqlConnectionFactory>();

    /// <summary>Opens the named connection as a SQL source does; the refusal when it is the storage database.</summary>
    public async Task<string?> RefusalOnOpenAsync(string name)
    {
        try
        {
            await using var session = await Connections.OpenReadOnlyAsync(name, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            return null;
        }
        catch (SourceFailureException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The start-up check's refusal, or null when it lets every connection through.</summary>
    public async Task<string?> RefusalAtStartAsync()
    {
        try
        {
            await Guard.CheckAtStartAsync(TestContext.Current.CancellationToken);
            return null;
        }
        catch (Dashboard.Startup.StartupRefusalException ex)
        {
            return ex.Message;
        }
    }

    public async ValueTask DisposeAsync() => await services.DisposeAsync();

    /// <summary>For options validation to stay out of the way (this host does not start).</summary>
    public StorageOptions Storage => services.GetRequiredService<IOptions<StorageOptions>>().Value;
}
