using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Cluster;

/// <summary>/health's view of the notification channel: degraded (not unready) while it reconnects, since polling
/// keeps configuration changes coming, only later.</summary>
public sealed class ClusterHealthCheck(IClusterBus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var status = bus.Status;
        return Task.FromResult(status.IsHealthy
            ? HealthCheckResult.Healthy(status.Name)
            : HealthCheckResult.Degraded($"{status.Name} since {status.Since:O}"));
    }
}
