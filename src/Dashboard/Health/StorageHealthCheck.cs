using Dashboard.Sources.Engine;
using Dashboard.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Health;

/// <summary>A real round trip to Dashboard's storage, bounded by <see cref="HealthOptions.StorageTimeout"/> whatever the
/// database does (<see cref="BoundedStorageCall"/>): a frozen database answers "unhealthy" in time, never hangs.</summary>
public sealed class StorageHealthCheck(IDashboardStore store, IOptions<HealthOptions> options, TimeProvider time) : IHealthCheck
{
    public const string LatencyKey = "latencyMs";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var timeout = options.Value.StorageTimeout;
        var started = time.GetTimestamp();
        try
        {
            await BoundedStorageCall.RunAsync(store.PingAsync, timeout, time, cancellationToken);
            return HealthCheckResult.Healthy("storage answered", Data(time.GetElapsedTime(started)));
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"storage did not answer within {FailureReasons.Format(timeout)}", data: Data(time.GetElapsedTime(started)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The type only: driver messages can name hosts, databases or users.
            return HealthCheckResult.Unhealthy($"storage unreachable ({ex.GetType().Name})", ex, Data(time.GetElapsedTime(started)));
        }
    }

    private static Dictionary<string, object> Data(TimeSpan latency) => new() { [LatencyKey] = Math.Round(latency.TotalMilliseconds, 1) };
}
