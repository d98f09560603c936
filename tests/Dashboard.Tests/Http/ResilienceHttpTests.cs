using Dashboard.Tests.Support;

namespace Dashboard.Tests.Http;

/// <summary>Polly around real HTTP sources, seen from the page: the breaker opens after repeated failures
/// (and the panel says so) and retries happen only where configured, for transient failures only.</summary>
public sealed class ResilienceHttpTests : IAsyncLifetime
{
    private FakeUpstream upstream = default!;

    public async ValueTask InitializeAsync() => upstream = await FakeUpstream.StartAsync();

    public async ValueTask DisposeAsync() => await upstream.DisposeAsync();

    private static string Config(FakeUpstream upstream, string resilience) => $$"""
        {
          "Sources": {
            "b": { "Kind": "http", "Http": { "Url": "{{upstream.Url("b")}}", "Path": "value" },
                   "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:06", "MaxAge": "00:00:00",
                   {{resilience}} }
          },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [
            { "Id": "b", "Type": "stat", "Title": "B", "Source": "b" },
            { "Id": "b-status", "Type": "status", "Title": "B status", "Source": "b" } ] } ]
        }
        """;

    [Fact]
    public async Task Breaker_opens_after_repeated_failures_the_panel_says_circuit_open_and_upstream_calls_stop()
    {
        upstream.SetStatus("b", 503);
        await using var app = new DashboardAppFactory(Config(upstream, """
            "CircuitBreaker": { "MinimumThroughput": 2, "FailureRatio": 1.0, "SamplingDuration": "00:01:00", "BreakDuration": "00:01:00" }
            """));
        using var client = Client(app);

        // Two failing views: each reaches the upstream and shows its status.
        for (var view = 1; view <= 2; view++)
        {
            var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
            Assert.Equal("unavailable", PanelMarkup.FinalState(page, "b"));
            Assert.Contains("<span class=\"reason\">HTTP 503</span>", PanelMarkup.FinalHtml(page, "b"));
            Assert.Equal(view, upstream.Calls("b"));
        }

        // The breaker is open now: later views do not call upstream and say why.
        for (var view = 3; view <= 5; view++)
        {
            var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
            Assert.Equal("unavailable", PanelMarkup.FinalState(page, "b"));
            Assert.Contains("<span class=\"reason\">circuit open</span>", PanelMarkup.FinalHtml(page, "b"));
            var status = PanelMarkup.FinalHtml(page, "b-status");
            Assert.Contains("class=\"status down\"", status);
            Assert.Contains("Down", status);
            Assert.Contains("circuit open", status);
        }

        Assert.Equal(2, upstream.Calls("b"));
    }

    [Fact]
    public async Task Breaker_keeps_serving_the_last_good_value_as_stale_while_open()
    {
        upstream.SetValue("b", 64);
        await using var app = new DashboardAppFactory(Config(upstream, """
            "CircuitBreaker": { "MinimumThroughput": 2, "FailureRatio": 0.5, "BreakDuration": "00:01:00" }
            """));
        using var client = Client(app);
        Assert.Equal("fresh", PanelMarkup.FinalState(await client.GetStringAsync("/", TestContext.Current.CancellationToken), "b"));

        upstream.SetStatus("b", 500);
        var failed = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal("stale", PanelMarkup.FinalState(failed, "b"));
        Assert.Contains("<span class=\"reason\">HTTP 500</span>", PanelMarkup.FinalHtml(failed, "b"));

        // One success and one failure in the window: ratio 0.5 at throughput 2 opens the breaker.
        var open = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        var panel = PanelMarkup.FinalHtml(open, "b");
        Assert.Equal("stale", PanelMarkup.FinalState(open, "b"));
        Assert.Contains(">64<", panel);
        Assert.Contains("<span class=\"reason\">circuit open</span>", panel);
        Assert.Contains("class=\"status down\"", PanelMarkup.FinalHtml(open, "b-status"));
        Assert.Equal(2, upstream.Calls("b"));
    }

    [Fact]
    public async Task Transient_failure_is_retried_when_retry_is_configured()
    {
        upstream.SetStatus("b", 503);
        await using var app = new DashboardAppFactory(Config(upstream, """
            "Retry": { "MaxRetries": 2, "BaseDelay": "00:00:00.010" }
            """));
        using var client = Client(app);

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("<span class=\"reason\">HTTP 503</span>", PanelMarkup.FinalHtml(page, "b"));
        Assert.Equal(3, upstream.Calls("b"));
    }

    [Fact]
    public async Task Non_transient_failure_is_not_retried_even_with_retry_configured()
    {
        upstream.SetStatus("b", 404);
        await using var app = new DashboardAppFactory(Config(upstream, """
            "Retry": { "MaxRetries": 2, "BaseDelay": "00:00:00.010" }
            """));
        using var client = Client(app);

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("<span class=\"reason\">HTTP 404</span>", PanelMarkup.FinalHtml(page, "b"));
        Assert.Equal(1, upstream.Calls("b"));
    }

    [Fact]
    public async Task Without_retry_configured_a_transient_failure_is_tried_once()
    {
        upstream.SetStatus("b", 503);
        await using var app = new DashboardAppFactory(Config(upstream, """
            "Description": "no retry"
            """));
        using var client = Client(app);

        await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(1, upstream.Calls("b"));
    }

    private static HttpClient Client(DashboardAppFactory app)
    {
        var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(15);
        return client;
    }
}
