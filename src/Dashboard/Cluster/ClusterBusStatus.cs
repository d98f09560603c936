namespace Dashboard.Cluster;

/// <summary>The notification channel's state, since when, how often it had to reconnect, and the last failure
/// (an exception type and PostgreSQL error code only: never a connection string).</summary>
public sealed record ClusterBusStatus(ClusterBusState State, DateTimeOffset Since, int Reconnects, string? LastError)
{
    public bool IsListening => State == ClusterBusState.Listening;

    /// <summary>Changes from other instances arrive at once (or there are none): otherwise only by polling.</summary>
    public bool IsHealthy => State is ClusterBusState.Listening or ClusterBusState.SingleInstance;

    /// <summary>The lower-case name /health shows.</summary>
    public string Name => State switch
    {
        ClusterBusState.Listening => "listening",
        ClusterBusState.Reconnecting => "reconnecting",
        ClusterBusState.SingleInstance => "single-instance",
        _ => "starting",
    };
}
