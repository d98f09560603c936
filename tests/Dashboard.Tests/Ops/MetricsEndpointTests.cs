using System.Net;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Ops;

/// <summary>/metrics on the real app: parsed strictly, with the required families present and well formed.</summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private FakeUpstream upstream = default!;
    private DashboardAppFactory app = default!;
    private HttpClient client = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetStatus("broken", 500);
        var config = $$"""
            {
              {{LoopbackScrape.MetricsJson}}
              "Sources": {
                "cached": { "Kind": "http", "Http": { "Url": "{{upstream.Url("cached")}}", "Path": "value" }, "MaxAge": "00:05:00", "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10" },
                "shared": { "Kind": "http", "Http": { "Url": "{{upstream.Url("shared")}}", "Path": "value" }, "MaxAge": "00:00:00",
                            "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10" },
                "broken": { "Kind": "http", "Http": { "Url": "{{upstream.Url("broken")}}", "Path": "value" }, "MaxAge": "00:00:00", "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10" }
              },
              "Dashboards": [
                { "Slug": "main", "Title": "Main", "Panels": [
                  { "Id": "cached", "Type": "stat", "Title": "Cached", "Source": "cached" },
                  { "Id": "broken", "Type": "stat", "Title": "Broken", "Source": "broken" } ] },
                { "Slug": "shared", "Title": "Shared", "Panels": [ { "Id": "shared", "Type": "stat", "Title": "Shared", "Source": "shared" } ] }
              ]
            }
            """;
        app = new DashboardAppFactory(config, LoopbackScrape.FromLoopback);
        client = app.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task Exposition_parses_and_carries_every_required_family()
    {
        (await client.GetAsync("/", TestContext.Current.CancellationToken)).Dispose();
        (await client.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();

        // Two viewers while the upstream is held: the second joins the first one's fetch.
        upstream.Hold("shared");
        var first = client.GetAsync("/d/shared", TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => upstream.Calls("shared") == 1, "the shared fetch");
        var second = client.GetAsync("/d/shared", TestContext.Current.CancellationToken);
        await Poll.UntilAsync(async () => await ScrapeAsync(), m => m.Value("dashboard_cache_requests_total", ("source", "shared"), ("result", "joined")) == 1, "a joined read");
        upstream.Release("shared");
        (await first).Dispose();
        (await second).Dispose();
        Assert.Equal(1, upstream.Calls("shared"));

        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var metrics = PrometheusText.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        metrics.AssertHistogramsWellFormed();

        Assert.Equal("histogram", metrics.Types["dashboard_source_fetch_duration_seconds"]);
        Assert.Contains(metrics.Family("dashboard_source_fetch_duration_seconds"), s => s.Labels.GetValueOrDefault("source") == "cached" && s.Labels.GetValueOrDefault("outcome") == "success");
        Assert.Contains(metrics.Family("dashboard_source_fetch_duration_seconds"), s => s.Labels.GetValueOrDefault("source") == "broken" && s.Labels.GetValueOrDefault("outcome") == "error");

        Assert.Equal("counter", metrics.Types["dashboard_source_fetches_total"]);
        Assert.Equal(1, metrics.Value("dashboard_source_fetches_total", ("source", "cached"), ("outcome", "success")));
        // The second view of the failing source came within its back-off: no call, the fallback at once.
        Assert.Equal(1, metrics.Value("dashboard_source_fetches_total", ("source", "broken"), ("outcome", "error")));
        Assert.Equal(1, metrics.Value("dashboard_cache_requests_total", ("source", "broken"), ("result", "backoff")));

        Assert.Equal("counter", metrics.Types["dashboard_cache_requests_total"]);
        Assert.Equal(1, metrics.Value("dashboard_cache_requests_total", ("source", "cached"), ("result", "miss")));
        Assert.Equal(1, metrics.Value("dashboard_cache_requests_total", ("source", "cached"), ("result", "hit")));
        Assert.Equal(1, metrics.Value("dashboard_cache_requests_total", ("source", "shared"), ("result", "joined")));

        Assert.Equal("gauge", metrics.Types["dashboard_source_breaker_open"]);
        Assert.Equal(["broken", "cached", "shared"], metrics.Family("dashboard_source_breaker_open").Select(s => s.Labels["source"]).Order());
        Assert.All(metrics.Family("dashboard_source_breaker_open"), s => Assert.Equal(0, s.Value));
        Assert.Equal(1, metrics.Value("dashboard_source_failing", ("source", "broken")));

        Assert.Equal("histogram", metrics.Types["dashboard_page_render_duration_seconds"]);
        Assert.Equal("histogram", metrics.Types["dashboard_page_time_to_first_byte_seconds"]);
        Assert.Equal(1, metrics.Value("dashboard_page_render_duration_seconds_count", ("route", "/"), ("status", "200")));
        Assert.Equal(3, metrics.Value("dashboard_page_render_duration_seconds_count", ("route", "/d/{slug}"), ("status", "200")));
        Assert.Equal(3, metrics.Value("dashboard_page_time_to_first_byte_seconds_count", ("route", "/d/{slug}"), ("status", "200")));

        Assert.Equal("gauge", metrics.Types["dashboard_queue_depth"]);
        Assert.Single(metrics.Family("dashboard_queue_depth"), s => s.Labels["queue"] == "persistence");
        Assert.Single(metrics.Family("dashboard_queue_depth"), s => s.Labels["queue"] == "notifications");

        // Runtime basics come from the runtime's own meter.
        Assert.Equal("gauge", metrics.Types["dotnet_process_memory_working_set_bytes"]);
        Assert.Equal("counter", metrics.Types["dotnet_gc_collections_total"]);

        Assert.All(metrics.Types.Where(t => t.Value == "counter"), t => Assert.EndsWith("_total", t.Key, StringComparison.Ordinal));
        Assert.All(metrics.Types.Keys, family => Assert.True(metrics.Helps.ContainsKey(family), $"no HELP for {family}"));
    }

    [Fact]
    public async Task Health_and_metrics_requests_are_not_counted_as_pages()
    {
        (await client.GetAsync("/health", TestContext.Current.CancellationToken)).Dispose();
        (await client.GetAsync("/d/nope", TestContext.Current.CancellationToken)).Dispose();
        var metrics = await ScrapeAsync();
        Assert.DoesNotContain(metrics.Family("dashboard_page_render_duration_seconds"), s => s.Labels.GetValueOrDefault("route") is not ("/" or "/d/{slug}"));
        Assert.Equal(1, metrics.Value("dashboard_page_render_duration_seconds_count", ("route", "/d/{slug}"), ("status", "404")));
    }

    private async Task<PrometheusText> ScrapeAsync() => PrometheusText.Parse(await client.GetStringAsync("/metrics"));
}
