namespace Dashboard.Cluster;

/// <summary>The PostgreSQL <c>NOTIFY</c> channels instances use to tell each other about changes (docs/ops.md,
/// "Running several instances"). Every instance listens on all of them over one connection; payloads are short text
/// (PostgreSQL allows 8000 bytes) and name what changed, never the data itself, which is read from storage.</summary>
public static class ClusterChannels
{
    /// <summary>The stored configuration changed. Payload: the new <c>config_state.version</c> in decimal, e.g. <c>42</c>.
    /// Sent by the writing transaction itself, so it is delivered only when (and as soon as) the change commits.</summary>
    public const string Config = "dashboard_config";

    /// <summary>An entry (a source, or a source and a time range) has a new value in storage. Payload: JSON
    /// <c>{"source":"…","range":null,"version":…,"from":"…"}</c> (<see cref="Fetching.ValueAnnouncement"/>), sent by the
    /// instance that fetched it once the value is stored; the value itself is read from storage.</summary>
    public const string Values = "dashboard_values";

    public static IReadOnlyList<string> All { get; } = [Config, Values];
}
