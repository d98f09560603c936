namespace Dashboard.Notifications;

/// <summary>Delivery state of one webhook, for /health. Target is the host only: the URL is a secret.</summary>
public sealed record WebhookStatus
{
    public required string Name { get; init; }

    public required string Target { get; init; }

    public required string Format { get; init; }

    /// <summary>never (nothing sent yet), ok, retrying or failed.</summary>
    public required string LastStatus { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    public long Delivered { get; init; }

    public long Failed { get; init; }

    public long Dropped { get; init; }

    public int Pending { get; init; }
}
