using Dashboard.Metrics;

namespace Dashboard.Health;

/// <summary>Starts the ops listeners with the host, before the server accepts requests, so no fetch or
/// page is missed by /metrics and /health, and uptime counts from start-up.</summary>
public sealed class OpsStartup(AppInfo app, FetchOutcomeTally tally, StateGauges gauges) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = app.StartedAt;
        gauges.Create();
        tally.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
