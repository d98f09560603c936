using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Dashboard.Notifications;

/// <summary>Request bodies: a generic JSON document, or a Slack-compatible <c>{"text": ...}</c>.</summary>
public static class WebhookPayloads
{
    public static byte[] Build(string format, SourceNotice notice, string appVersion) =>
        WebhookFormats.Normalize(format) == WebhookFormats.Slack ? Slack(notice) : Json(notice, appVersion);

    public static byte[] Json(SourceNotice notice, string appVersion)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", notice.KindName);
            json.WriteString("source", notice.Source);
            json.WriteString("state", notice.State);
            WriteOptional(json, "reason", notice.Reason);
            json.WriteString("at", notice.At);
            WriteOptional(json, "lastSuccessAt", notice.LastSuccessAt);
            WriteOptional(json, "lastFailureAt", notice.LastFailureAt);
            json.WriteNumber("consecutiveFailures", notice.ConsecutiveFailures);
            json.WriteBoolean("breakerOpen", notice.BreakerOpen);
            json.WriteString("app", "Dashboard");
            json.WriteString("version", appVersion);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Slack(SourceNotice notice)
    {
        var name = "*" + SlackEscape(notice.Source) + "*";
        var text = notice.Kind switch
        {
            NoticeKind.Down => $":red_circle: Source {name} is down: {SlackEscape(notice.Reason ?? "failing")}",
            NoticeKind.Recovered => $":large_green_circle: Source {name} recovered",
            NoticeKind.BreakerOpened => $":no_entry: Circuit breaker of source {name} opened after repeated failures: {SlackEscape(notice.Reason ?? "failing")}",
            _ => $":white_check_mark: Circuit breaker of source {name} closed",
        };
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", text);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // Slack's mrkdwn treats these three as control characters.
    private static string SlackEscape(string text) =>
        new StringBuilder(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").ToString();

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } at)
        {
            json.WriteString(name, at);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
