using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Health;

/// <summary>Degraded while any source is failing. Tagged <see cref="HealthTags.Detail"/>: an upstream outage
/// is shown in /health but never makes the app unready (it still serves last good values).</summary>
public sealed class SourcesHealthCheck(SourceHealthReader reader) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var sources = reader.Read();
        var failing = sources.Where(s => s.IsFailing).Select(s => s.Name).ToList();
        var data = new Dictionary<string, object> { ["sources"] = sources.Count, ["failing"] = failing.Count };

        // Names only (each is listed in /health anyway), so a reader sees at once whether it is the expected ones.
        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy($"{sources.Count} sources, none failing", data)
            : HealthCheckResult.Degraded($"{failing.Count} of {sources.Count} sources failing: {string.Join(", ", failing.Take(5))}{(failing.Count > 5 ? ", …" : "")}", data: data));
    }
}
