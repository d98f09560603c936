using Dashboard.Sources.Sql;
using Microsoft.Extensions.Options;

namespace Dashboard.Demo;

/// <summary>Adds each minute's demo events as time passes (and drops those older than 30 days), so "last 15 minutes" keeps
/// showing activity however long the demo runs. Only with a demo seed connection; start-up seeding does the first fill.</summary>
public sealed class DemoEventsTicker(
    IOptions<DemoOptions> demo,
    IOptionsMonitor<SqlConnectionsOptions> connections,
    IWebHostEnvironment environment,
    TimeProvider time,
    ILogger<DemoEventsTicker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (demo.Value.SeedConnection is not { Length: > 0 } name
            || !connections.CurrentValue.Connections.TryGetValue(name, out var connection)
            || !string.Equals(connection.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await DemoDatabaseSeeder.SeedAsync(connection.ConnectionString, environment.ContentRootPath, time, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not add the latest demo events: {Error}", ex.Message);
            }
        }
    }
}
