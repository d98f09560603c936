using Dashboard.Health;

namespace Dashboard.Hosting;

/// <summary>The first step of a graceful stop: after SIGTERM, /readyz answers 503 at once (<see cref="ShutdownHealthCheck"/>)
/// while the server keeps serving for <c>Dashboard:ShutdownDrainDelay</c>, so that a load balancer polling readiness has
/// taken the instance out before it stops accepting connections. It runs before any hosted service stops (the host calls
/// every <see cref="IHostedLifecycleService.StoppingAsync"/> first), within <c>Dashboard:ShutdownTimeout</c>.</summary>
public sealed class ShutdownDrain(TimeSpan delay, TimeProvider time, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        logger.LogInformation("Stopping: /readyz answers 503; still serving for {Seconds:0.###} s before closing connections", delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
