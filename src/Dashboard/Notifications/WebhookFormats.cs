namespace Dashboard.Notifications;

public static class WebhookFormats
{
    public const string Json = "json";
    public const string Slack = "slack";

    public static string? Normalize(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        Json => Json,
        Slack => Slack,
        _ => null,
    };
}
