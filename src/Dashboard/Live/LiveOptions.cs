namespace Dashboard.Live;

/// <summary>Live dashboards: open pages learn over Server-Sent Events when a source on them got a new value, and
/// refresh themselves in place (wwwroot/js/live.js); while anyone watches, the server keeps those sources refreshed.</summary>
public sealed class LiveOptions
{
    public const string Section = "Dashboard:Live";

    /// <summary>Off: no /live endpoint, no background refreshes, pages are plain streaming SSR.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Refresh (default): Server-Sent Events plus enhanced refresh. Circuit: experimental Interactive Server
    /// panels, kept for the comparison in bench/README.md. Read at start-up.</summary>
    public LiveMode Mode { get; set; } = LiveMode.Refresh;

    /// <summary>Whether pages hold circuits: live updates on, in circuit mode.</summary>
    public bool UsesCircuits => Enabled && Mode == LiveMode.Circuit;

    /// <summary>Shortest time between two background refreshes of one watched source: a source with a shorter
    /// <c>MaxAge</c> (or a failing one) is called at most this often, however many viewers watch it.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An idle live connection gets a small "ping" event this often, so proxies do not close it.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Live connections one instance holds; beyond it, /live answers 503 and those pages stay as rendered.</summary>
    public int MaxConnections { get; set; } = 5000;

    /// <summary>Live connections one client address (an IPv6 client: its /64) may hold on one instance; beyond it,
    /// /live answers 429. Generous enough for a wall of screens behind one office NAT.</summary>
    public int MaxPerClient { get; set; } = 50;
}
