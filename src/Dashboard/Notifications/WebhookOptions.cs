namespace Dashboard.Notifications;

/// <summary>One webhook (<c>Dashboard:Notifications:Webhooks:{i}</c>). The URL is treated as a secret
/// (Slack puts its token in the path): it is never logged nor shown; the name and host are.</summary>
public sealed class WebhookOptions
{
    /// <summary>Shown in logs, metrics and /health; defaults to <c>webhook-{index}</c>.</summary>
    public string? Name { get; set; }

    public string Url { get; set; } = "";

    /// <summary><c>json</c> (generic body) or <c>slack</c> (<c>{"text": ...}</c>, for Slack-compatible incoming webhooks).</summary>
    public string Format { get; set; } = WebhookFormats.Json;
}
