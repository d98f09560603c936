namespace Dashboard.Live;

/// <summary>How an open dashboard is kept current (bench/README.md compares the two at 500 viewers).</summary>
public enum LiveMode
{
    /// <summary>Server-Sent Events announce a new version; blazor.web.js re-fetches the page (enhanced refresh).
    /// No server state per viewer between changes.</summary>
    Refresh,

    /// <summary>Experimental: the panel grid is an Interactive Server component; each viewer holds a circuit and
    /// receives render diffs over its WebSocket.</summary>
    Circuit,
}
