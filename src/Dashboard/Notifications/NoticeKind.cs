namespace Dashboard.Notifications;

public enum NoticeKind
{
    /// <summary>Healthy → failing.</summary>
    Down,

    /// <summary>Failing → healthy.</summary>
    Recovered,

    BreakerOpened,

    /// <summary>The breaker closed after the source recovered (a half-open probe alone does not count).</summary>
    BreakerClosed,
}
