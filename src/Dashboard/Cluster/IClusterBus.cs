namespace Dashboard.Cluster;

/// <summary>Instances sharing one PostgreSQL tell each other about changes: one listening connection per instance
/// (<see cref="PostgresClusterBus"/>), or nothing at all on SQLite (<see cref="SingleInstanceClusterBus"/>).</summary>
public interface IClusterBus
{
    ClusterBusStatus Status { get; }

    /// <summary>Receives the payloads sent on <paramref name="channel"/> (one of <see cref="ClusterChannels"/>) by any
    /// instance, this one included, in order, off the listening connection. <paramref name="onResync"/> runs each time
    /// listening (re)starts: notifications sent while it was down are lost, so the subscriber catches up from storage.
    /// Dispose the result to stop.</summary>
    IDisposable Subscribe(string channel, Func<string, CancellationToken, Task> onMessage, Func<CancellationToken, Task> onResync);

    /// <summary>Sends <paramref name="payload"/> to every instance listening on <paramref name="channel"/>.</summary>
    Task PublishAsync(string channel, string payload, CancellationToken cancellationToken);
}
