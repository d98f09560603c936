using Dashboard.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Health;

/// <summary>A validated configuration is in force (start-up refuses an invalid one; a bad reload keeps the previous).</summary>
public sealed class ConfigurationHealthCheck(IDashboardConfigProvider config) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var current = config.Current;
        var result = current is null
            ? HealthCheckResult.Unhealthy("no configuration loaded")
            : HealthCheckResult.Healthy(
                $"configuration version {current.Version}",
                new Dictionary<string, object>
                {
                    ["version"] = current.Version,
                    ["sources"] = current.Options.Sources.Count,
                    ["dashboards"] = current.Options.Dashboards.Count,
                });
        return Task.FromResult(result);
    }
}
