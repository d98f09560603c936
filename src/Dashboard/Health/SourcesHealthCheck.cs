using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Health;

/// <summary>Degraded while any source is failing. Tagged <see cref="HealthTags.Detail"/>: an upstream outage
/// is shown in /health but never makes the app unready (it still serves last good values).</summary>
public sealed class SourcesHealthCheck(SourceHealthReader reader) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var sources = reader.Read();
        var failing = sources.Count(s => s.IsFailing);
        var data = new Dictionary<string, object> { ["sources"] = sources.Count, ["failing"] = failing };
        return Task.FromResult(failing == 0
            ? HealthCheckResult.Healthy($"{sources.Count} sources, none failing", data)
            : HealthCheckResult.Degraded($"{failing} of {sources.Count} sources failing", data: data));
    }
}
