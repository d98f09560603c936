using Dashboard.Sources.Sql;
using Microsoft.Extensions.Options;

namespace Dashboard.Demo;

public static class DemoSetup
{
    /// <summary>Fills the demo table in the named SQLite connection if it is missing or out of date.</summary>
    public static async Task SeedDemoDatabaseAsync(this IServiceProvider services, string connectionName, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoSetup));
        var connections = services.GetRequiredService<IOptionsMonitor<SqlConnectionsOptions>>().CurrentValue.Connections;
        if (!connections.TryGetValue(connectionName, out var connection))
        {
            throw new OptionsValidationException("Dashboard:Demo", typeof(DemoOptions),
                [$"Dashboard:Demo:SeedConnection: unknown connection '{connectionName}' (define it under Dashboard:Connections)"]);
        }

        if (!string.Equals(connection.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Demo data is only seeded into SQLite; connection {Connection} is {Provider}", connectionName, connection.Provider);
            return;
        }

        var environment = services.GetRequiredService<IWebHostEnvironment>();
        var time = services.GetRequiredService<TimeProvider>();
        if (await DemoDatabaseSeeder.SeedAsync(connection.ConnectionString, environment.ContentRootPath, time, cancellationToken))
        {
            logger.LogInformation("Seeded the demo table in connection {Connection}", connectionName);
        }
    }
}
