using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Notifications;
using Dashboard.Sources.Engine;
using Dashboard.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Health;

/// <summary>Writes the /health JSON document (shape documented in docs/ops.md). Failure reasons appear only
/// when <see cref="HealthOptions.ShowErrorDetails"/> allows them for this caller; connection strings, URLs,
/// exception messages and stacks never do.</summary>
public static class HealthResponseWriter
{
    public const string StorageCheck = "storage";
    public const string ConfigurationCheck = "configuration";
    public const string SourcesCheck = "sources";

    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<HealthOptions>>().Value;
        var showErrors = options.ShowsErrorsTo(context.User);
        var app = services.GetRequiredService<AppInfo>();
        var sources = services.GetRequiredService<SourceHealthReader>().Read();
        var persistence = services.GetRequiredService<PersistenceQueue>();
        var notifications = services.GetRequiredService<NotificationQueue>();

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,

            // Served as application/json, never embedded in HTML: no need to escape '+', '<' or non-ASCII names.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteString("status", Name(report.Status));

            // Which sources make it "degraded", so a reader sees at once whether they are the expected ones (the demo's are).
            json.WriteStartArray("failingSources");
            foreach (var source in sources.Where(s => s.IsFailing))
            {
                json.WriteStringValue(source.Name);
            }

            json.WriteEndArray();
            json.WriteString("version", AppInfo.Version);
            json.WriteString("startedAt", app.StartedAt);
            json.WriteNumber("uptimeSeconds", Math.Round(app.Uptime.TotalSeconds, 1));
            json.WriteString("errorDetails", showErrors ? "shown" : "hidden");

            json.WriteStartObject("storage");
            json.WriteString("provider", services.GetRequiredService<IDashboardStore>().Provider);
            if (report.Entries.TryGetValue(StorageCheck, out var storage))
            {
                json.WriteString("status", Name(storage.Status));
                if (storage.Data.TryGetValue(StorageHealthCheck.LatencyKey, out var latency) && latency is double ms)
                {
                    json.WriteNumber("latencyMs", ms);
                }
                else
                {
                    json.WriteNull("latencyMs");
                }

                WriteReason(json, "error", storage.Status == HealthStatus.Healthy ? null : storage.Description, showErrors);
            }

            json.WriteEndObject();

            if (report.Entries.TryGetValue(ConfigurationCheck, out var configuration))
            {
                json.WriteStartObject("configuration");
                json.WriteString("status", Name(configuration.Status));
                foreach (var (key, value) in configuration.Data)
                {
                    if (value is int or long)
                    {
                        json.WriteNumber(key, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                    }
                }

                // File and line always (they say where to look); the message follows the error-detail rule.
                json.WriteStartArray("problems");
                if (configuration.Data.TryGetValue(ConfigurationHealthCheck.ProblemsKey, out var found) && found is IEnumerable<Configuration.Provisioning.ProvisioningProblem> problems)
                {
                    foreach (var problem in problems)
                    {
                        json.WriteStartObject();
                        json.WriteString("file", problem.File);
                        if (problem.Line is { } line)
                        {
                            json.WriteNumber("line", line);
                        }
                        else
                        {
                            json.WriteNull("line");
                        }

                        WriteReason(json, "message", problem.Message, showErrors);
                        json.WriteEndObject();
                    }
                }

                json.WriteEndArray();

                json.WriteEndObject();
            }

            json.WriteStartArray("sources");
            foreach (var source in sources)
            {
                WriteSource(json, source, showErrors);
            }

            json.WriteEndArray();

            json.WriteStartObject("queues");
            WriteQueue(json, "persistence", persistence.Depth, persistence.Dropped);
            WriteQueue(json, "notifications", notifications.Depth, notifications.Dropped);
            json.WriteEndObject();

            json.WriteStartObject("notifications");
            json.WriteStartArray("webhooks");
            foreach (var webhook in notifications.Webhooks)
            {
                WriteWebhook(json, webhook, showErrors);
            }

            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteEndObject();
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    // Sources and webhooks report their last error the same way: reason (if allowed) and time, or null.
    private static void WriteLastError(Utf8JsonWriter json, DateTimeOffset? at, string? reason, bool showErrors)
    {
        if (at is not { } errorAt)
        {
            json.WriteNull("lastError");
            return;
        }

        json.WriteStartObject("lastError");
        WriteReason(json, "reason", reason, showErrors);
        json.WriteString("at", errorAt);
        json.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter json, SourceHealth source, bool showErrors)
    {
        json.WriteStartObject();
        json.WriteString("name", source.Name);
        json.WriteString("state", source.State);
        WriteTime(json, "lastSuccess", source.LastSuccessAt);
        WriteLastError(json, source.LastErrorAt, source.LastErrorReason, showErrors);

        json.WriteNumber("consecutiveFailures", source.ConsecutiveFailures);
        json.WriteBoolean("breakerOpen", source.BreakerOpen);
        if (source.LatencySamples > 0)
        {
            json.WriteStartObject("latencyMs");
            json.WriteNumber("p50", Math.Round(source.LatencyP50!.Value.TotalMilliseconds, 1));
            json.WriteNumber("p95", Math.Round(source.LatencyP95!.Value.TotalMilliseconds, 1));
            json.WriteNumber("samples", source.LatencySamples);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("latencyMs");
        }

        json.WriteStartObject("fetches");
        foreach (var (outcome, count) in source.Fetches)
        {
            json.WriteNumber(outcome, count);
        }

        json.WriteEndObject();
        if (source.CacheAge is { } age)
        {
            json.WriteNumber("cacheAgeSeconds", Math.Round(age.TotalSeconds, 1));
        }
        else
        {
            json.WriteNull("cacheAgeSeconds");
        }

        json.WriteNumber("maxAgeSeconds", source.MaxAge.TotalSeconds);
        json.WriteEndObject();
    }

    private static void WriteWebhook(Utf8JsonWriter json, WebhookStatus webhook, bool showErrors)
    {
        json.WriteStartObject();
        json.WriteString("name", webhook.Name);
        json.WriteString("target", webhook.Target);
        json.WriteString("format", webhook.Format);
        json.WriteString("lastStatus", webhook.LastStatus);
        WriteTime(json, "lastAttemptAt", webhook.LastAttemptAt);
        WriteTime(json, "lastSuccessAt", webhook.LastSuccessAt);
        WriteLastError(json, webhook.LastErrorAt, webhook.LastError, showErrors);

        json.WriteNumber("delivered", webhook.Delivered);
        json.WriteNumber("failed", webhook.Failed);
        json.WriteNumber("dropped", webhook.Dropped);
        json.WriteNumber("pending", webhook.Pending);
        json.WriteEndObject();
    }

    private static void WriteQueue(Utf8JsonWriter json, string name, int depth, long dropped)
    {
        json.WriteStartObject(name);
        json.WriteNumber("depth", depth);
        json.WriteNumber("dropped", dropped);
        json.WriteEndObject();
    }

    private static void WriteReason(Utf8JsonWriter json, string name, string? reason, bool show)
    {
        if (show && reason is not null)
        {
            json.WriteString(name, reason);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? at)
    {
        if (at is { } value)
        {
            json.WriteString(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
