namespace Dashboard.Cluster;

/// <summary>Where an instance's notification channel stands.</summary>
public enum ClusterBusState
{
    /// <summary>Not connected yet (start-up).</summary>
    Starting,

    /// <summary>Listening: changes made on other instances arrive at once.</summary>
    Listening,

    /// <summary>The listening connection is down; changes are picked up by polling until it is back.</summary>
    Reconnecting,

    /// <summary>SQLite: one instance only, nothing to listen to.</summary>
    SingleInstance,
}
