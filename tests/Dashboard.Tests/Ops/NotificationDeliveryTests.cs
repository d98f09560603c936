using System.Net;
using System.Text.Json;
using Dashboard.Notifications;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Ops;

/// <summary>End to end: the real app, a fake upstream and local webhook receivers on 127.0.0.1.</summary>
public sealed class NotificationDeliveryTests : IAsyncLifetime
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private FakeUpstream upstream = default!;
    private FakeWebhook webhook = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        webhook = await FakeWebhook.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await webhook.DisposeAsync();
        await upstream.DisposeAsync();
    }

    private string Config(string notifications) => $$"""
        {
          {{LoopbackScrape.MetricsJson}}
          "Sources": { "flappy": { "Kind": "http", "Http": { "Url": "{{upstream.Url("flappy")}}", "Path": "value" },
                                   "MaxAge": "00:00:00", "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10", "CircuitBreaker": { "Enabled": false } } },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "flappy", "Type": "stat", "Title": "Flappy", "Source": "flappy" } ] } ],
          "Health": { "ShowErrorDetails": "always" },
          "Notifications": {{notifications}}
        }
        """;

    [Fact]
    public async Task A_flapping_source_sends_exactly_one_down_and_one_recovered_within_the_window()
    {
        await using var app = new DashboardAppFactory(Config($$"""
            { "MinInterval": "00:05:00", "Webhooks": [
                { "Name": "ops-json", "Url": "{{webhook.Url("/json")}}", "Format": "json" },
                { "Name": "ops-slack", "Url": "{{webhook.Url("/slack/T000/B000/s3cretToken")}}", "Format": "slack" } ] }
            """), services => services.AddSingleton<TimeProvider>(time));
        using var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            upstream.SetStatus("flappy", 503);
            (await client.GetAsync("/", TestContext.Current.CancellationToken)).Dispose();
            time.Advance(TimeSpan.FromSeconds(3)); // The back-off after a failure (MaxAge 0: 2 s plus jitter).
            upstream.SetStatus("flappy", 200);
            (await client.GetAsync("/", TestContext.Current.CancellationToken)).Dispose();
        }

        Assert.Equal(6, upstream.Calls("flappy"));
        await app.Services.GetRequiredService<NotificationQueue>().FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        var json = webhook.Requests("/json").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["down", "recovered"], json.Select(j => j.GetProperty("kind").GetString()));
        Assert.All(json, j => Assert.Equal("flappy", j.GetProperty("source").GetString()));
        Assert.StartsWith("HTTP 503", json[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("healthy", json[1].GetProperty("state").GetString());

        var slack = webhook.Requests("/slack/T000/B000/s3cretToken").Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()).ToList();
        Assert.Equal(2, slack.Count);
        Assert.StartsWith(":red_circle: Source *flappy* is down: HTTP 503", slack[0], StringComparison.Ordinal);
        Assert.Equal(":large_green_circle: Source *flappy* recovered", slack[1]);

        // /health shows each webhook's delivery by name and host, never its URL (Slack's holds a token).
        var health = await client.GetStringAsync("/health", TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(health);
        var hooks = document.RootElement.GetProperty("notifications").GetProperty("webhooks").EnumerateArray().ToList();
        Assert.Equal(["ops-json", "ops-slack"], hooks.Select(h => h.GetProperty("name").GetString()));
        Assert.All(hooks, h =>
        {
            Assert.Equal("ok", h.GetProperty("lastStatus").GetString());
            Assert.Equal(2, h.GetProperty("delivered").GetInt64());
            Assert.Equal("127.0.0.1", h.GetProperty("target").GetString());
        });
        Assert.DoesNotContain("s3cretToken", health, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hanging_webhook_delays_no_page_and_its_failure_shows_in_health_and_metrics()
    {
        webhook.Hold();
        await using var app = new DashboardAppFactory(Config($$"""
            { "Webhooks": [ { "Name": "stuck", "Url": "{{webhook.Url("/stuck")}}" } ],
              "Timeout": "00:00:02", "MaxAttempts": 1, "DrainTimeout": "00:00:00.200" }
            """), LoopbackScrape.FromLoopback);
        using var client = app.CreateClient();

        upstream.SetStatus("flappy", 503);
        using (var first = await client.GetAsync("/", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await Poll.UntilAsync(() => webhook.InFlight == 1, "the webhook to be hanging on the notice");

        // Pages keep being served, and are done while the webhook still hangs.
        for (var i = 0; i < 3; i++)
        {
            using var page = await client.GetAsync("/", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.Equal(1, webhook.InFlight);

        var stuck = await Poll.UntilAsync(
            async () =>
            {
                using var document = JsonDocument.Parse(await client.GetStringAsync("/health"));
                return document.RootElement.GetProperty("notifications").GetProperty("webhooks")[0].Clone();
            },
            w => w.GetProperty("lastStatus").GetString() == "failed",
            "the webhook's failure in /health");
        Assert.Equal("timeout after 2 s", stuck.GetProperty("lastError").GetProperty("reason").GetString());
        Assert.Equal(1, stuck.GetProperty("failed").GetInt64());

        var metrics = PrometheusText.Parse(await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken));
        Assert.Equal(1, metrics.Samples.Single(s => s.Name == "dashboard_notifications_total" && s.Labels["webhook"] == "stuck" && s.Labels["outcome"] == "failed").Value);
    }
}
