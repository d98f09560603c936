using Dashboard.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Health;

/// <summary>A validated configuration is in force (start-up refuses an invalid one; a bad change keeps the last good
/// version). Degraded, not unhealthy, while a provisioning file (or a stored item) is not in force as it is now: the
/// instance serves the last good version, so it stays ready; /health lists each problem with its file and line.</summary>
public sealed class ConfigurationHealthCheck(IDashboardConfigProvider config) : IHealthCheck
{
    public const string ProblemsKey = "problems";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var current = config.Current;
        var data = new Dictionary<string, object>
        {
            ["version"] = current.Version,
            ["sources"] = current.Options.Sources.Count,
            ["dashboards"] = current.Options.Dashboards.Count,
            ["provisioned"] = current.Provenance.Sources.Count + current.Provenance.Dashboards.Count,
        };
        var composer = config as DashboardConfigComposer;
        if (composer is not null)
        {
            // What the database holds; "version" also moves with file changes.
            data["storedVersion"] = composer.StoredVersion;
        }

        var problems = composer?.Problems ?? [];
        if (problems.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"configuration version {current.Version}", data));
        }

        data[ProblemsKey] = problems;
        return Task.FromResult(HealthCheckResult.Degraded($"{problems.Count} configuration problem(s); the last good version is in force", data: data));
    }
}
