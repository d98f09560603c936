using System.Diagnostics;
using Dashboard.Sources;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Telemetry;

/// <summary>Each source read and fetch is a span on "Dashboard.Sources" with names, outcomes and statuses as
/// tags, and nothing secret.</summary>
public sealed class SourceTracingTests
{
    private const string Secret = "s3cr3t-token-value";

    [Fact]
    public async Task An_http_fetch_is_a_child_span_of_the_read_that_started_it()
    {
        using var recorder = new SourceActivityRecorder();
        await using var upstream = await FakeUpstream.StartAsync();
        var source = UniqueName();
        await using var app = new DashboardAppFactory(HttpConfig(upstream, source, maxAge: "00:05:00"), WithSecret);
        using var client = app.CreateClient();

        (await client.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();
        (await client.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();

        var fetch = Assert.Single(recorder.Of(source, SourceTracing.FetchSpan));
        Assert.Equal("http", fetch.GetTagItem(SourceTracing.KindTag));
        Assert.Equal("success", fetch.GetTagItem(SourceTracing.OutcomeTag));
        Assert.Equal(200, fetch.GetTagItem(SourceTracing.HttpStatusTag));
        Assert.Equal("GET", fetch.GetTagItem(SourceTracing.HttpMethodTag));
        Assert.Equal("127.0.0.1", fetch.GetTagItem(SourceTracing.ServerAddressTag));
        Assert.Equal(ActivityStatusCode.Unset, fetch.Status);

        var reads = recorder.Of(source, SourceTracing.ReadSpan);
        Assert.Equal(["miss", "hit"], reads.Select(r => r.GetTagItem(SourceTracing.CacheTag)));
        Assert.All(reads, r => Assert.Equal("fresh", r.GetTagItem(SourceTracing.ReadingTag)));
        Assert.Equal(reads[0].SpanId, fetch.ParentSpanId);

        // The secret travels in the query string; no span may carry it, nor the URL.
        Assert.Equal(1, upstream.Calls(source));
        Assert.All(recorder.All(source).SelectMany(a => a.TagObjects), tag =>
        {
            var text = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("/v/", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_failed_fetch_has_its_outcome_status_code_and_reason()
    {
        using var recorder = new SourceActivityRecorder();
        await using var upstream = await FakeUpstream.StartAsync();
        var source = UniqueName();
        upstream.SetStatus(source, 500);
        await using var app = new DashboardAppFactory(HttpConfig(upstream, source, maxAge: "00:00:00"), WithSecret);
        using var client = app.CreateClient();

        (await client.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();

        var fetch = Assert.Single(recorder.Of(source, SourceTracing.FetchSpan));
        Assert.Equal("error", fetch.GetTagItem(SourceTracing.OutcomeTag));
        Assert.Equal(500, fetch.GetTagItem(SourceTracing.HttpStatusTag));
        Assert.Equal(ActivityStatusCode.Error, fetch.Status);
        Assert.Equal("HTTP 500 Internal Server Error", fetch.StatusDescription);
        Assert.Equal("unavailable", Assert.Single(recorder.Of(source, SourceTracing.ReadSpan)).GetTagItem(SourceTracing.ReadingTag));
    }

    [Fact]
    public async Task A_sql_fetch_carries_the_database_system_and_rows_read()
    {
        using var recorder = new SourceActivityRecorder();
        var source = UniqueName();
        await using var app = new DashboardAppFactory($$"""
            {
              "Connections": { "local": { "Provider": "sqlite", "ConnectionString": "Data Source=:memory:" } },
              "Sources": { "{{source}}": { "Kind": "sql", "Shape": "Table", "Sql": { "Connection": "local", "Query": "select 1 as n union all select 2 union all select 3" },
                                 "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10" } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Type": "table", "Title": "P", "Source": "{{source}}" } ] } ]
            }
            """);
        using var client = app.CreateClient();

        (await client.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();

        var fetch = Assert.Single(recorder.Of(source, SourceTracing.FetchSpan));
        Assert.Equal("sql", fetch.GetTagItem(SourceTracing.KindTag));
        Assert.Equal("success", fetch.GetTagItem(SourceTracing.OutcomeTag));
        Assert.Equal("sqlite", fetch.GetTagItem(SourceTracing.DbSystemTag));
        Assert.Equal(3, fetch.GetTagItem(SourceTracing.RowsTag));
    }

    /// <summary>The secret the HTTP config's query refers to, as configured under <c>Secrets:</c>.</summary>
    internal static void WithSecret(IServiceCollection services) => services.AddSecrets(new() { ["TracingSecret"] = Secret });

    internal static string UniqueName() => "src-" + Guid.NewGuid().ToString("N")[..10];

    internal static string HttpConfig(FakeUpstream upstream, string source, string maxAge) => $$"""
        {
          "Sources": {
            "{{source}}": { "Kind": "http", "Http": { "Url": "{{upstream.Url(source)}}", "Path": "value", "Query": { "token": "{secret:TracingSecret}" } },
                            "MaxAge": "{{maxAge}}", "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10", "CircuitBreaker": { "Enabled": false } }
          },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "{{source}}" } ] } ]
        }
        """;
}
