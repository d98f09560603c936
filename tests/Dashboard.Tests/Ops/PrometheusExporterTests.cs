using System.Net;
using Dashboard.Metrics;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Ops;

/// <summary>The OpenTelemetry Prometheus exporter as the app configures it: only this app's meter, the advised
/// histogram buckets, no scrape cache, Polly's resilience events, and the Dashboard:Metrics settings.</summary>
public sealed class PrometheusExporterTests
{
    [Fact]
    public async Task Each_app_exports_only_its_own_dashboard_meter()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var source = UniqueName();
        await using var viewed = new DashboardAppFactory(Config(upstream, source), LoopbackScrape.FromLoopback);
        await using var idle = new DashboardAppFactory(Config(upstream, source), LoopbackScrape.FromLoopback);
        using var viewedClient = viewed.CreateClient();
        using var idleClient = idle.CreateClient();

        (await viewedClient.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();

        Assert.Equal(1, (await ScrapeAsync(viewedClient)).Value("dashboard_cache_requests_total", ("source", source), ("result", "miss")));
        Assert.DoesNotContain((await ScrapeAsync(idleClient)).Family("dashboard_cache_requests_total"), s => s.Labels.GetValueOrDefault("source") == source);
    }

    [Fact]
    public async Task Histograms_use_the_advised_buckets_and_every_scrape_is_current()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var source = UniqueName();
        await using var app = new DashboardAppFactory(Config(upstream, source), LoopbackScrape.FromLoopback);
        using var client = app.CreateClient();

        (await client.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();
        var first = await ScrapeAsync(client);
        first.AssertHistogramsWellFormed();
        var buckets = first.Samples.Where(s => s.Name == "dashboard_source_fetch_duration_seconds_bucket" && s.Labels.GetValueOrDefault("source") == source);
        Assert.Equal(["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"], buckets.Select(s => s.Labels["le"]));

        // Scraped again at once: a cached response (the exporter's default, 300 ms) would still say 1.
        app.Services.GetRequiredService<DashboardMetrics>().RecordCache(source, "hit");
        Assert.Equal(1, (await ScrapeAsync(client)).Value("dashboard_cache_requests_total", ("source", source), ("result", "hit")));
        app.Services.GetRequiredService<DashboardMetrics>().RecordCache(source, "hit");
        Assert.Equal(2, (await ScrapeAsync(client)).Value("dashboard_cache_requests_total", ("source", source), ("result", "hit")));
    }

    [Fact]
    public async Task Blazor_per_component_histograms_are_not_exported_but_request_durations_are()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var app = new DashboardAppFactory(Config(upstream, UniqueName()), LoopbackScrape.FromLoopback);
        using var client = app.CreateClient();

        (await client.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();
        var text = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_components_update_parameters", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_components_render_diff", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_of_a_source_show_as_polly_resilience_events()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var source = UniqueName();
        upstream.SetStatus(source, 503);
        await using var app = new DashboardAppFactory(Config(upstream, source, """, "Retry": { "MaxRetries": 2, "BaseDelay": "00:00:00.001" }, "CircuitBreaker": { "Enabled": false }"""), LoopbackScrape.FromLoopback);
        using var client = app.CreateClient();

        (await client.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();

        var metrics = await ScrapeAsync(client);
        Assert.Equal(3, upstream.Calls(source));
        Assert.Equal("counter", metrics.Types["resilience_polly_strategy_events_total"]);
        Assert.Equal(2, metrics.Value("resilience_polly_strategy_events_total", ("pipeline_name", source), ("event_name", "OnRetry")));
        Assert.Equal(1, metrics.Value("dashboard_source_fetches_total", ("source", source), ("outcome", "error")));
    }

    [Fact]
    public async Task Runtime_metrics_can_be_left_out()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var source = UniqueName();
        await using var app = new DashboardAppFactory(Config(upstream, source, metrics: """, "IncludeRuntime": false"""), LoopbackScrape.FromLoopback);
        using var client = app.CreateClient();
        (await client.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();

        var metrics = await ScrapeAsync(client);

        Assert.Contains("dashboard_source_fetches_total", metrics.Types.Keys);
        Assert.DoesNotContain(metrics.Types.Keys, family => family.StartsWith("dotnet_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disabled_metrics_have_no_endpoint()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var app = new DashboardAppFactory(Config(upstream, UniqueName(), metrics: """, "Enabled": false"""), LoopbackScrape.FromLoopback);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string UniqueName() => "src-" + Guid.NewGuid().ToString("N")[..10];

    private static string Config(FakeUpstream upstream, string source, string sourceExtra = "", string metrics = "") => $$"""
        {
          "Metrics": { "AllowedNetworks": [ "127.0.0.1" ]{{metrics}} },
          "Sources": {
            "{{source}}": { "Kind": "http", "Http": { "Url": "{{upstream.Url(source)}}", "Path": "value" }, "MaxAge": "00:00:00",
                            "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10"{{sourceExtra}} }
          },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "{{source}}" } ] } ]
        }
        """;

    private static async Task<PrometheusText> ScrapeAsync(HttpClient client) => PrometheusText.Parse(await client.GetStringAsync("/metrics"));

}
