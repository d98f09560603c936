namespace Dashboard.Notifications;

/// <summary>What a webhook is told about one state change of one source. Reason is the engine's short
/// failure reason (never a stack or a secret).</summary>
public sealed record SourceNotice(
    string Source,
    NoticeKind Kind,
    DateTimeOffset At,
    string? Reason,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailureAt,
    int ConsecutiveFailures,
    bool BreakerOpen)
{
    /// <summary>down, recovered, breaker_opened or breaker_closed.</summary>
    public string KindName => Kind switch
    {
        NoticeKind.Down => "down",
        NoticeKind.Recovered => "recovered",
        NoticeKind.BreakerOpened => "breaker_opened",
        _ => "breaker_closed",
    };

    /// <summary>The source's state when the notice was made: failing, breaker_open or healthy.</summary>
    public string State => BreakerOpen ? "breaker_open" : ConsecutiveFailures > 0 ? "failing" : "healthy";
}
