namespace Dashboard.Cluster;

/// <summary>SQLite storage serves one instance only (a second process is refused at start), so there is nobody to
/// tell: subscribing and publishing do nothing, and the configuration poller stays on.</summary>
public sealed class SingleInstanceClusterBus(TimeProvider time) : IClusterBus, IHostedService
{
    public ClusterBusStatus Status { get; } = new(ClusterBusState.SingleInstance, time.GetUtcNow(), 0, null);

    public IDisposable Subscribe(string channel, Func<string, CancellationToken, Task> onMessage, Func<CancellationToken, Task> onResync) =>
        new NoSubscription();

    public Task PublishAsync(string channel, string payload, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed class NoSubscription : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
