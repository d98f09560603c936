namespace Dashboard.Notifications;

/// <summary>Source state notifications (bound from <c>Dashboard:Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Dashboard:Notifications";

    /// <summary>Where notices go; none means state changes are only logged.</summary>
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>De-duplication window: at most one notice of each kind per source within it. A state left
    /// different from the last notice when the window ends is sent then.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Bound on each webhook request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per notice (first one included); retried on timeouts, connection errors, 408, 429 and 5xx.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pending notices per webhook; when full the oldest is dropped (and counted).</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>How long shutdown waits for pending notices (one attempt each, no retries).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
