namespace Dashboard.Logging;

/// <summary>Structured log events of the ops features (source state, notifications, shutdown), compiled
/// by the logging source generator: fixed event ids and templates, no formatting when the level is off.
/// Values are names, kinds and short reasons; never URLs, connection strings or response bodies.</summary>
public static partial class OpsLog
{
    // Debug: SourceFailureLog has already said so, as the one Warning per cause; these lines trace the notifier.
    [LoggerMessage(4001, LogLevel.Debug, "Source {Source} is failing: {Reason}")]
    public static partial void SourceFailing(this ILogger logger, string source, string? reason);

    [LoggerMessage(4002, LogLevel.Debug, "Source {Source} recovered")]
    public static partial void SourceRecovered(this ILogger logger, string source);

    // A consequence of failures already logged as a Warning, not a cause of its own.
    [LoggerMessage(4003, LogLevel.Information, "Circuit breaker of source {Source} opened")]
    public static partial void BreakerOpened(this ILogger logger, string source);

    [LoggerMessage(4004, LogLevel.Information, "Circuit breaker of source {Source} lets calls through again")]
    public static partial void BreakerClosed(this ILogger logger, string source);

    [LoggerMessage(4010, LogLevel.Debug, "Notice {Kind} for source {Source} held back until {Until:o} (de-duplication window)")]
    public static partial void NoticeHeldBack(this ILogger logger, string kind, string source, DateTimeOffset until);

    [LoggerMessage(4011, LogLevel.Information, "Notice {Kind} for source {Source} queued for {Webhooks} webhook(s)")]
    public static partial void NoticeQueued(this ILogger logger, string kind, string source, int webhooks);

    [LoggerMessage(4012, LogLevel.Error, "Source state notification failed; the fetch is unaffected")]
    public static partial void NotifierFailed(this ILogger logger, Exception exception);

    [LoggerMessage(4020, LogLevel.Information, "Webhook {Webhook} received notice {Kind} for source {Source} (attempt {Attempt})")]
    public static partial void WebhookDelivered(this ILogger logger, string webhook, string kind, string source, int attempt);

    [LoggerMessage(4021, LogLevel.Warning, "Webhook {Webhook} failed notice {Kind} for source {Source} (attempt {Attempt} of {MaxAttempts}): {Reason}; retrying in {RetryDelayMs} ms")]
    public static partial void WebhookRetrying(this ILogger logger, string webhook, string kind, string source, int attempt, int maxAttempts, string reason, long retryDelayMs);

    [LoggerMessage(4022, LogLevel.Error, "Webhook {Webhook} gave up notice {Kind} for source {Source} after {Attempts} attempt(s): {Reason}")]
    public static partial void WebhookGaveUp(this ILogger logger, string webhook, string kind, string source, int attempts, string reason);

    [LoggerMessage(4024, LogLevel.Debug, "Webhook {Webhook} skipped notice {Kind} for source {Source}: another instance sends it")]
    public static partial void WebhookClaimedElsewhere(this ILogger logger, string webhook, string kind, string source);

    [LoggerMessage(4025, LogLevel.Warning, "Could not check whether another instance sends notice {Kind} for source {Source}; sending it here")]
    public static partial void NotificationClaimFailed(this ILogger logger, Exception exception, string kind, string source);

    [LoggerMessage(4023, LogLevel.Warning, "Webhook {Webhook} dropped a notice (queue full or shutting down)")]
    public static partial void WebhookDropped(this ILogger logger, string webhook);

    [LoggerMessage(4030, LogLevel.Information, "Sending {Count} pending notifications before exit")]
    public static partial void NotificationsDraining(this ILogger logger, int count);

    [LoggerMessage(4031, LogLevel.Warning, "Shutdown bound reached with {Count} notifications unsent")]
    public static partial void NotificationsDrainBoundReached(this ILogger logger, int count);
}
