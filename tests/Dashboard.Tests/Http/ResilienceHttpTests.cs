using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Http;

/// <summary>Back-off and Polly around real HTTP sources, seen from the page: a failing source is not called again before
/// its retry time, the breaker opens after repeated failures (admins see it beside the cause, anonymous viewers only the
/// cause) and retries happen only where configured, for transient failures only.</summary>
public sealed class ResilienceHttpTests : IAsyncLifetime
{
    private FakeUpstream upstream = default!;

    public async ValueTask InitializeAsync() => upstream = await FakeUpstream.StartAsync();

    public async ValueTask DisposeAsync() => await upstream.DisposeAsync();

    private static string Config(FakeUpstream upstream, string resilience, string health = "authenticated") => $$"""
        {
          "Sources": {
            "b": { "Kind": "http", "Http": { "Url": "{{upstream.Url("b")}}", "Path": "value" },
                   "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:06", "MaxAge": "00:00:00",
                   {{resilience}} }
          },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [
            { "Id": "b", "Type": "stat", "Title": "B", "Source": "b" },
            { "Id": "b-status", "Type": "status", "Title": "B status", "Source": "b" } ] } ],
          "Health": { "ShowErrorDetails": "{{health}}" }
        }
        """;

    // A fixed break, so the breaker is still open at the back-off's next retry (by default it would let that retry through).
    private const string Breaker = """
        "CircuitBreaker": { "MinimumThroughput": 2, "FailureRatio": 1.0, "SamplingDuration": "00:01:00", "BreakDuration": "00:01:00" }
        """;

    /// <summary>The app on a manual clock, so a test moves past a back-off without waiting.</summary>
    private static DashboardAppFactory App(string config, FakeTimeProvider time) =>
        new(config, services => services.AddSingleton<TimeProvider>(time));

    [Fact]
    public async Task A_failing_source_backs_off_so_views_stop_calling_it_and_anonymous_viewers_never_read_circuit()
    {
        upstream.SetStatus("b", 503);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = App(Config(upstream, Breaker), time);
        using var client = Client(app);

        // The first view reaches the upstream; views during the back-off (MaxAge 0: 2 s plus jitter) do not, and wait for nothing.
        for (var view = 1; view <= 4; view++)
        {
            var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
            Assert.Equal("unavailable", PanelMarkup.FinalState(page, "b"));
            Assert.Contains("<span class=\"reason\">HTTP 503</span>", PanelMarkup.FinalHtml(page, "b"));
            Assert.Equal(1, upstream.Calls("b"));
        }

        // The retry fails too (the breaker opens: two calls, all failed), and the next one is the breaker's refusal.
        time.Advance(TimeSpan.FromSeconds(3));
        await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(2, upstream.Calls("b"));
        time.Advance(TimeSpan.FromSeconds(5));
        var open = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(2, upstream.Calls("b"));
        Assert.Equal(1, app.Services.GetRequiredService<Dashboard.Sources.Engine.SourceStatusBoard>().Get("b").BreakerOpen ? 1 : 0);
        Assert.Contains("<span class=\"reason\">HTTP 503</span>", PanelMarkup.FinalHtml(open, "b"));
        var status = PanelMarkup.FinalHtml(open, "b-status");
        Assert.Contains("class=\"status down\"", status);
        Assert.DoesNotContain("circuit", open, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("next try", open, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Those_who_see_details_get_the_cause_with_the_breaker_beside_it_and_the_next_try()
    {
        upstream.SetStatus("b", 503);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = App(Config(upstream, Breaker, health: "always"), time);
        using var client = Client(app);

        var first = PanelMarkup.FinalHtml(await client.GetStringAsync("/", TestContext.Current.CancellationToken), "b");
        Assert.Contains("<span class=\"reason\">HTTP 503 Service Unavailable</span><span class=\"next-try\"> · next try in ", first);
        time.Advance(TimeSpan.FromSeconds(3));
        await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(5));
        var open = System.Net.WebUtility.HtmlDecode(PanelMarkup.FinalHtml(await client.GetStringAsync("/", TestContext.Current.CancellationToken), "b"));

        Assert.Contains("<span class=\"reason\">HTTP 503 Service Unavailable · circuit open</span><span class=\"next-try\"> · next try in ", open);
        Assert.Equal(2, upstream.Calls("b"));
    }

    [Fact]
    public async Task Breaker_keeps_serving_the_last_good_value_as_stale_while_open()
    {
        upstream.SetValue("b", 64);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = App(Config(upstream, """
            "CircuitBreaker": { "MinimumThroughput": 2, "FailureRatio": 0.5, "BreakDuration": "00:01:00" }
            """), time);
        using var client = Client(app);
        Assert.Equal("fresh", PanelMarkup.FinalState(await client.GetStringAsync("/", TestContext.Current.CancellationToken), "b"));

        upstream.SetStatus("b", 500);
        var failed = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal("stale", PanelMarkup.FinalState(failed, "b"));
        Assert.Contains("<span class=\"reason\">HTTP 500</span>", PanelMarkup.FinalHtml(failed, "b"));

        // One success and one failure in the window: ratio 0.5 at throughput 2 opened the breaker; the retry is refused.
        time.Advance(TimeSpan.FromSeconds(3));
        var open = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        var panel = PanelMarkup.FinalHtml(open, "b");
        Assert.Equal("stale", PanelMarkup.FinalState(open, "b"));
        Assert.Contains(">64<", panel);
        Assert.Contains("<span class=\"reason\">HTTP 500</span>", panel);
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
