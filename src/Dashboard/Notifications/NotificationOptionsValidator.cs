using Microsoft.Extensions.Options;

namespace Dashboard.Notifications;

/// <summary>Checks <see cref="NotificationOptions"/> at start-up. Messages name the key, never the URL (a secret).</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var webhook = options.Webhooks[i];
            var key = $"{NotificationOptions.Section}:Webhooks:{i}";
            if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{key}:Url: must be an absolute http or https URL");
            }

            if (WebhookFormats.Normalize(webhook.Format) is null)
            {
                failures.Add($"{key}:Format: '{webhook.Format}' is not supported; use 'json' or 'slack'");
            }
        }

        var names = options.Webhooks.Select((w, i) => string.IsNullOrWhiteSpace(w.Name) ? $"webhook-{i}" : w.Name.Trim());
        foreach (var duplicate in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            failures.Add($"{NotificationOptions.Section}:Webhooks: the name '{duplicate.Key}' is used more than once");
        }

        Check(failures, options.MinInterval >= TimeSpan.Zero, "MinInterval", "must not be negative (00:00:00 turns de-duplication off)");
        Check(failures, options.Timeout > TimeSpan.Zero && options.Timeout <= TimeSpan.FromMinutes(5), "Timeout", "must be greater than 00:00:00 and at most 00:05:00");
        Check(failures, options.MaxAttempts is >= 1 and <= 10, "MaxAttempts", "must be between 1 and 10");
        Check(failures, options.RetryDelay >= TimeSpan.Zero && options.RetryDelay <= TimeSpan.FromMinutes(5), "RetryDelay", "must be between 00:00:00 and 00:05:00");
        Check(failures, options.QueueCapacity is >= 1 and <= 100_000, "QueueCapacity", "must be between 1 and 100000");
        Check(failures, options.DrainTimeout >= TimeSpan.Zero, "DrainTimeout", "must not be negative");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, bool ok, string property, string rule)
    {
        if (!ok)
        {
            failures.Add($"{NotificationOptions.Section}:{property}: {rule}");
        }
    }
}
