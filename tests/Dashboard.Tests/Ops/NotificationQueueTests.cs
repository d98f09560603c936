using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Dashboard.Metrics;
using Dashboard.Notifications;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Ops;

/// <summary>Webhook delivery against a local receiver: bodies, retry, timeout, isolation, bounded queue, drain on stop.</summary>
public sealed class NotificationQueueTests : IAsyncLifetime
{
    private static readonly SourceNotice Down = new("payments", NoticeKind.Down, new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), "HTTP 503", null, null, 1, false);

    private readonly ServiceProvider services = new ServiceCollection().AddHttpClient().AddMetrics().BuildServiceProvider();
    private FakeWebhook webhook = default!;
    private readonly List<NotificationQueue> queues = [];

    // Every queue of a test class instance shares it, as instances share one database.
    private readonly InMemoryDashboardStore claimStore = new();

    public async ValueTask InitializeAsync() => webhook = await FakeWebhook.StartAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in queues)
        {
            await queue.StopAsync(CancellationToken.None);
            queue.Dispose();
        }

        await webhook.DisposeAsync();
        await services.DisposeAsync();
    }

    [Fact]
    public async Task Json_body_is_posted_and_server_errors_are_retried()
    {
        webhook.RespondWith(500, 503);
        var q = await StartAsync(new NotificationOptions { Webhooks = [Hook("/json")], RetryDelay = TimeSpan.FromMilliseconds(20) });

        q.Enqueue(Down);
        await q.FlushAsync(Bounded());

        var requests = webhook.Requests("/json");
        Assert.Equal(3, requests.Count);
        Assert.StartsWith("application/json", requests[0].ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(requests[^1].Body);
        Assert.Equal("down", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("payments", body.RootElement.GetProperty("source").GetString());
        Assert.Equal("failing", body.RootElement.GetProperty("state").GetString());
        Assert.Equal("HTTP 503", body.RootElement.GetProperty("reason").GetString());
        Assert.Equal(Down.At, body.RootElement.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("Dashboard", body.RootElement.GetProperty("app").GetString());

        var status = Assert.Single(q.Webhooks);
        Assert.Equal("ok", status.LastStatus);
        Assert.Equal(1, status.Delivered);
        Assert.Equal(0, status.Failed);
        Assert.Equal("127.0.0.1", status.Target);
        Assert.Equal("webhook-0", status.Name);
    }

    [Fact]
    public async Task Slack_body_is_a_text_message()
    {
        var q = await StartAsync(new NotificationOptions { Webhooks = [Hook("/slack", WebhookFormats.Slack)] });
        q.Enqueue(Down with { Source = "a<b>&c" });
        q.Enqueue(Down with { Kind = NoticeKind.Recovered, Reason = null });
        await q.FlushAsync(Bounded());

        var texts = webhook.Requests("/slack").Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()).ToList();
        Assert.Equal(":red_circle: Source *a&lt;b&gt;&amp;c* is down: HTTP 503", texts[0]);
        Assert.Equal(":large_green_circle: Source *payments* recovered", texts[1]);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        webhook.RespondWith(400);
        var q = await StartAsync(new NotificationOptions { Webhooks = [Hook("/bad")], RetryDelay = TimeSpan.FromMilliseconds(10) });
        q.Enqueue(Down);
        await q.FlushAsync(Bounded());

        Assert.Single(webhook.Requests("/bad"));
        var status = Assert.Single(q.Webhooks);
        Assert.Equal("failed", status.LastStatus);
        Assert.Equal("HTTP 400", status.LastError);
        Assert.Equal(1, status.Failed);
    }

    [Fact]
    public async Task A_hanging_webhook_times_out_on_each_attempt()
    {
        webhook.Hold();
        var log = new FakeLogger<NotificationQueue>();
        var q = await StartAsync(log, new NotificationOptions
        {
            Webhooks = [Hook("/hangs")],

            // Long enough for the receiver to read each post on a loaded machine (at 200 ms some posts were cancelled
            // before it recorded them), short enough to keep the test quick.
            Timeout = TimeSpan.FromSeconds(1),
            MaxAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });

        q.Enqueue(Down);
        await q.FlushAsync(Bounded());

        // The worker's own account of its attempts, each a timeout (a refused or failed post gives another reason): the
        // receiver cannot count them, as on a loaded machine the client may give up before it has read a post's body.
        var attempts = log.Collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.Contains(attempts, m => m.Contains("(attempt 1 of 2): timeout after 1 s", StringComparison.Ordinal));
        Assert.Contains(attempts, m => m.Contains("after 2 attempt(s): timeout after 1 s", StringComparison.Ordinal));
        var status = Assert.Single(q.Webhooks);
        Assert.Equal("failed", status.LastStatus);
        Assert.Equal("timeout after 1 s", status.LastError);
        Assert.Equal(1, status.Failed);
    }

    [Fact]
    public async Task A_hanging_webhook_does_not_hold_up_another()
    {
        webhook.Hold();
        var other = await FakeWebhook.StartAsync();
        await using var _ = other;
        var q = await StartAsync(new NotificationOptions
        {
            Webhooks = [Hook("/hangs"), new WebhookOptions { Name = "other", Url = other.Url("/ok") }],
            Timeout = TimeSpan.FromSeconds(20),
        });

        q.Enqueue(Down);
        q.Enqueue(Down with { Kind = NoticeKind.Recovered });
        await Poll.UntilAsync(() => q.Webhooks.Single(w => w.Name == "other").Delivered == 2, "the other webhook's deliveries");

        // The hanging webhook's first post may still be on its way to the receiver: wait for it, then it is the only one.
        await Poll.UntilAsync(() => webhook.InFlight == 1, "the first notice held at the hanging webhook");
        Assert.Equal(1, webhook.InFlight);
        Assert.Equal(2, q.Webhooks.Single(w => w.Name == "webhook-0").Pending);
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_notice_and_counts_it()
    {
        webhook.Hold();
        var q = await StartAsync(new NotificationOptions { Webhooks = [Hook("/full")], QueueCapacity = 1, MaxAttempts = 1 });
        q.Enqueue(Down with { Source = "first" });
        await Poll.UntilAsync(() => webhook.InFlight == 1, "the first notice in flight");
        q.Enqueue(Down with { Source = "second" });
        q.Enqueue(Down with { Source = "third" });

        Assert.Equal(1, q.Dropped);
        Assert.Equal(1, q.Depth);
        webhook.Release();
        await q.FlushAsync(Bounded());
        Assert.Equal(["first", "third"], webhook.Requests("/full").Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task Stopping_delivers_what_is_pending()
    {
        var q = await StartAsync(new NotificationOptions { Webhooks = [Hook("/drain")] });
        for (var i = 0; i < 3; i++)
        {
            q.Enqueue(Down with { Source = $"s{i}" });
        }

        await q.StopAsync(CancellationToken.None);
        Assert.Equal(3, webhook.Requests("/drain").Count);
        Assert.Equal(3, q.Webhooks.Single().Delivered);
    }

    [Fact]
    public async Task Stopping_with_a_hanging_webhook_is_bounded_by_the_drain_timeout()
    {
        webhook.Hold();
        var q = await StartAsync(new NotificationOptions
        {
            Webhooks = [Hook("/stuck")],
            Timeout = TimeSpan.FromSeconds(20),
            DrainTimeout = TimeSpan.FromMilliseconds(300),
        });
        q.Enqueue(Down);
        q.Enqueue(Down);
        await Poll.UntilAsync(() => webhook.InFlight == 1, "the first notice in flight");

        var clock = Stopwatch.StartNew();
        await q.StopAsync(CancellationToken.None);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        var status = q.Webhooks.Single();
        Assert.Equal(1, status.Failed);
        Assert.Equal(1, status.Dropped);
        Assert.Equal(0, status.Pending);
    }

    [Fact]
    public async Task Two_instances_seeing_the_same_change_send_it_once_and_a_new_change_goes_out()
    {
        var options = new NotificationOptions { Webhooks = [Hook("/shared")], MinInterval = TimeSpan.FromMinutes(5) };
        var one = await StartAsync(options);
        var two = await StartAsync(options);

        // Both saw the source go down, a second apart (same de-duplication window).
        one.Enqueue(Down);
        two.Enqueue(Down with { At = Down.At.AddSeconds(1) });
        await one.FlushAsync(Bounded());
        await two.FlushAsync(Bounded());
        Assert.Single(webhook.Requests("/shared"));

        two.Enqueue(Down with { Kind = NoticeKind.Recovered, At = Down.At.AddSeconds(30) });
        await two.FlushAsync(Bounded());
        Assert.Equal(2, webhook.Requests("/shared").Count);
        Assert.Equal(2, one.Webhooks.Single().Delivered + two.Webhooks.Single().Delivered);
    }

    [Fact]
    public async Task Stopping_after_dispose_still_works_when_a_host_is_stopped_from_two_places()
    {
        var q = await StartAsync(new NotificationOptions { Webhooks = [Hook("/late")] });

        q.Dispose();
        await q.StopAsync(CancellationToken.None);
        await q.StopAsync(CancellationToken.None);

        Assert.Equal(0, q.Depth);
    }

    private Task<NotificationQueue> StartAsync(NotificationOptions options) => StartAsync(NullLogger<NotificationQueue>.Instance, options);

    private async Task<NotificationQueue> StartAsync(ILogger<NotificationQueue> logger, NotificationOptions options)
    {
        var queue = new NotificationQueue(
            Options.Create(options),
            services.GetRequiredService<IHttpClientFactory>(),
            new NotificationClaims(claimStore, Options.Create(options), NullLogger<NotificationClaims>.Instance),
            TimeProvider.System,
            new DashboardMetrics(services.GetRequiredService<IMeterFactory>()),
            logger);
        queues.Add(queue);
        await queue.StartAsync(CancellationToken.None);
        return queue;
    }

    private WebhookOptions Hook(string path, string format = WebhookFormats.Json) => new() { Url = webhook.Url(path), Format = format };

    private static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;
}
