namespace Dashboard.Demo;

/// <summary>One simulated API of the demo: what <c>GET /demo/api</c> lists and README.md's table shows.</summary>
public sealed record DemoApi(string Method, string Path, string Behaviour, string Sources);

/// <summary>The demo's simulated APIs, in one place, so the index endpoint, the endpoints themselves and README.md
/// (checked by a test) cannot drift apart.</summary>
public static class DemoApiCatalog
{
    public const string Root = "/demo/api";

    public static readonly DemoApi Traffic = new("GET", Root + "/traffic", "fast (40 ms): visitors and page views", "visitors, pageviews");

    public static readonly DemoApi Sales = new("GET", Root + "/sales", "medium (250 ms): revenue and the 8 latest orders", "revenue, recent-orders");

    public static readonly DemoApi Latency = new("GET", Root + "/latency", "120 ms: three latency percentiles per minute over the last hour (minutes 42-44 missing: a gap)", "api-latency");

    public static readonly DemoApi SlowReport = new("GET", Root + "/reports/slow", "slow (3 s), beyond its source's 1 s render deadline", "conversion");

    public static readonly DemoApi FlakyPayments = new("GET", Root + "/payments/flaky", "flaky: HTTP 503 from second 40 to 59 of every minute", "payments");

    public static readonly DemoApi Legacy = new("GET", Root + "/legacy", "broken: answers HTML labelled as JSON", "legacy-erp");

    public static readonly DemoApi Search = new("POST", Root + "/search", "80 ms: counts matches for the JSON body's query", "search-hits");

    public static readonly DemoApi Status = new("GET", Root + "/status", "a fixed status document", "(none; for your own sources)");

    public static IReadOnlyList<DemoApi> All { get; } = [Traffic, Sales, Latency, SlowReport, FlakyPayments, Legacy, Search, Status];

    /// <summary>The path of an API relative to <see cref="Root"/>, for mapping it in the <c>/demo/api</c> group.</summary>
    public static string Relative(DemoApi api) => api.Path[Root.Length..];
}
