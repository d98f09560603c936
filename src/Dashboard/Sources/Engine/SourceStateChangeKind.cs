namespace Dashboard.Sources.Engine;

/// <summary>What flipped in a <see cref="SourceStateChange"/>.</summary>
public enum SourceStateChangeKind
{
    /// <summary>The source was healthy and a fetch failed.</summary>
    Failing,

    /// <summary>The source was failing and a fetch succeeded.</summary>
    Recovered,

    BreakerOpened,

    /// <summary>The breaker lets calls through again (closed, or half-open for a probe).</summary>
    BreakerClosed,

    /// <summary>The first fetch of a source that is new, or was reset by a configuration change, succeeded.
    /// Not a transition the board saw: it lets listeners settle what they last said about the source
    /// (an outage fixed by a configuration change ends with this, not with Recovered).</summary>
    FirstSuccess,
}
