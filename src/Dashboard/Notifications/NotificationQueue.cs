using Dashboard.Logging;
using Dashboard.Metrics;
using Microsoft.Extensions.Options;

namespace Dashboard.Notifications;

/// <summary>The background delivery of notices: one bounded queue and worker per webhook, so enqueueing
/// never waits and a hanging webhook delays nobody else. On shutdown pending notices get one attempt each
/// within <see cref="NotificationOptions.DrainTimeout"/> (and the host's shutdown bound); the rest are dropped
/// and counted.</summary>
public sealed class NotificationQueue : BackgroundService, INotificationSink
{
    public const string HttpClientName = "notifications";

    private readonly WebhookWorker[] workers;
    private readonly NotificationOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<NotificationQueue> logger;
    private readonly CancellationTokenSource draining = new();
    private readonly CancellationTokenSource abort = new();

    public NotificationQueue(
        IOptions<NotificationOptions> options,
        IHttpClientFactory clients,
        NotificationClaims claims,
        TimeProvider time,
        DashboardMetrics metrics,
        ILogger<NotificationQueue> logger)
    {
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        workers = [.. this.options.Webhooks.Select((webhook, i) => new WebhookWorker(webhook, i, this.options, clients, claims, time, metrics, logger))];
    }

    /// <summary>Notices waiting in the queues (all webhooks).</summary>
    public int Depth => workers.Sum(w => w.Depth);

    public long Dropped => workers.Sum(w => w.Dropped);

    public IReadOnlyList<WebhookStatus> Webhooks => [.. workers.Select(w => w.Status())];

    public void Enqueue(SourceNotice notice)
    {
        foreach (var worker in workers)
        {
            worker.Enqueue(notice);
        }
    }

    /// <summary>Resolves once every notice enqueued so far was delivered, given up or dropped. For tests.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (workers.Any(w => w.Pending > 0))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(workers.Select(w => w.RunAsync(draining.Token, abort.Token)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var worker in workers)
        {
            worker.Complete();
        }

        await draining.CancelAsync();
        var pending = workers.Sum(w => w.Pending);
        if (pending > 0)
        {
            logger.NotificationsDraining(pending);
        }

        // Bounded on its own, so a hanging webhook leaves the rest of the shutdown budget to storage writes.
        using var bound = new CancellationTokenSource(options.DrainTimeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(bound.Token, cancellationToken);
        try
        {
            await (ExecuteTask ?? Task.CompletedTask).WaitAsync(either.Token);
        }
        catch (OperationCanceledException)
        {
            logger.NotificationsDrainBoundReached(workers.Sum(w => w.Pending));
            await abort.CancelAsync();
        }

        await base.StopAsync(cancellationToken);
    }

    /// <remarks>The two token sources hold no timers, so they are cancelled rather than disposed: a host stopped
    /// from two places at once (a test host's StopAsync while Program's RunAsync disposes it) may call
    /// <see cref="StopAsync"/> after this, and it must still work.</remarks>
    public override void Dispose()
    {
        base.Dispose();
        abort.Cancel();
    }
}
