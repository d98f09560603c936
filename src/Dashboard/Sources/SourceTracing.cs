using System.Diagnostics;

namespace Dashboard.Sources;

/// <summary>Spans of source reads and fetches on the "Dashboard.Sources" <see cref="ActivitySource"/>, exported
/// over OTLP when configured (docs/ops.md). Tags carry names, kinds, outcomes, statuses and counts: never a URL,
/// a query text or a secret.</summary>
public static class SourceTracing
{
    public const string ActivitySourceName = "Dashboard.Sources";
    public const string ReadSpan = "source read";
    public const string FetchSpan = "source fetch";

    public const string SourceTag = "dashboard.source.name";
    public const string KindTag = "dashboard.source.kind";

    /// <summary>On reads: <c>hit</c>, <c>miss</c> (started a fetch) or <c>joined</c> (shared an in-flight fetch).</summary>
    public const string CacheTag = "dashboard.cache.result";

    /// <summary>On reads: <c>fresh</c>, <c>stale</c> or <c>unavailable</c>.</summary>
    public const string ReadingTag = "dashboard.reading.state";

    /// <summary>On fetches: <c>success</c>, <c>stored</c> (a newer value from the shared database), <c>error</c>,
    /// <c>timeout</c>, <c>circuit_open</c>, <c>cancelled</c> or <c>unexpected</c>.</summary>
    public const string OutcomeTag = "dashboard.fetch.outcome";

    public const string HttpStatusTag = "http.response.status_code";
    public const string HttpMethodTag = "http.request.method";
    public const string ServerAddressTag = "server.address";
    public const string DbSystemTag = "db.system.name";
    public const string RowsTag = "db.response.returned_rows";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>Null when nothing listens (tracing off): then tagging costs nothing.</summary>
    public static Activity? Start(string spanName, SourceOptions options) =>
        Source.StartActivity(spanName)?.SetTag(SourceTag, options.Name).SetTag(KindTag, options.Kind);

    /// <summary>Tags the fetch span the caller runs in, if any; never a span of another source (an HTTP request's).</summary>
    public static void TagFetch(string key, object? value)
    {
        if (Activity.Current is { } activity && ReferenceEquals(activity.Source, Source) && activity.OperationName == FetchSpan)
        {
            activity.SetTag(key, value);
        }
    }
}
