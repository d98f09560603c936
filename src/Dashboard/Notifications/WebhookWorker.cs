using System.Net.Http.Headers;
using System.Threading.Channels;
using Dashboard.Logging;
using Dashboard.Metrics;
using Dashboard.Sources.Engine;

namespace Dashboard.Notifications;

/// <summary>Delivers notices to one webhook from its own bounded channel, so a slow or hanging webhook
/// only delays itself. Each request is bounded by the timeout; failures are retried with doubling delays;
/// nothing here ever throws to a caller.</summary>
internal sealed class WebhookWorker
{
    private readonly Channel<SourceNotice> channel;
    private readonly Uri url;
    private readonly NotificationOptions options;
    private readonly IHttpClientFactory clients;
    private readonly TimeProvider time;
    private readonly DashboardMetrics metrics;
    private readonly ILogger logger;
    private readonly NotificationClaims claims;
    private readonly Lock statusGate = new();
    private int pending;
    private long delivered;
    private long failed;
    private long dropped;
    private string lastStatus = "never";
    private DateTimeOffset? lastAttemptAt;
    private DateTimeOffset? lastSuccessAt;
    private string? lastError;
    private DateTimeOffset? lastErrorAt;

    public WebhookWorker(WebhookOptions webhook, int index, NotificationOptions options, IHttpClientFactory clients, NotificationClaims claims, TimeProvider time, DashboardMetrics metrics, ILogger logger)
    {
        this.claims = claims;
        url = new Uri(webhook.Url, UriKind.Absolute);
        Name = string.IsNullOrWhiteSpace(webhook.Name) ? $"webhook-{index}" : webhook.Name.Trim();
        Format = WebhookFormats.Normalize(webhook.Format) ?? WebhookFormats.Json;
        this.options = options;
        this.clients = clients;
        this.time = time;
        this.metrics = metrics;
        this.logger = logger;
        channel = Channel.CreateBounded<SourceNotice>(
            new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => OnDropped());
    }

    public string Name { get; }

    public string Format { get; }

    /// <summary>Notices queued and not yet delivered or given up (the one in flight included).</summary>
    public int Pending => Volatile.Read(ref pending);

    public int Depth => channel.Reader.Count;

    public long Dropped => Interlocked.Read(ref dropped);

    public void Enqueue(SourceNotice notice)
    {
        // Counted before the write so a fast reader can never take it below zero.
        Interlocked.Increment(ref pending);
        if (!channel.Writer.TryWrite(notice))
        {
            // Only after shutdown began.
            OnDropped();
        }
    }

    /// <summary>No more notices: the loop ends once the queue is empty.</summary>
    public void Complete() => channel.Writer.TryComplete();

    /// <param name="draining">Cancelled when shutdown begins: no more retries, one attempt per pending notice.</param>
    /// <param name="abort">Cancelled when the shutdown bound is reached: the request in flight is abandoned.</param>
    public async Task RunAsync(CancellationToken draining, CancellationToken abort)
    {
        try
        {
            await foreach (var notice in channel.Reader.ReadAllAsync(abort))
            {
                if (abort.IsCancellationRequested)
                {
                    // Past the shutdown bound: what is left is dropped, not attempted.
                    OnDropped();
                    continue;
                }

                try
                {
                    if (await claims.TryClaimAsync(Name, notice, abort))
                    {
                        await DeliverAsync(notice, draining, abort);
                    }
                    else
                    {
                        metrics.RecordNotification(Name, "sent_elsewhere");
                        logger.WebhookClaimedElsewhere(Name, notice.KindName, notice.Source);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Never let one notice stop the worker (and with it the host).
                    logger.NotifierFailed(ex);
                }
                finally
                {
                    Interlocked.Decrement(ref pending);
                }
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            while (channel.Reader.TryRead(out _))
            {
                OnDropped();
            }
        }
    }

    public WebhookStatus Status()
    {
        lock (statusGate)
        {
            return new WebhookStatus
            {
                Name = Name,
                Target = url.Host,
                Format = Format,
                LastStatus = lastStatus,
                LastAttemptAt = lastAttemptAt,
                LastSuccessAt = lastSuccessAt,
                LastError = lastError,
                LastErrorAt = lastErrorAt,
                Delivered = Interlocked.Read(ref delivered),
                Failed = Interlocked.Read(ref failed),
                Dropped = Dropped,
                Pending = Pending,
            };
        }
    }

    private async Task DeliverAsync(SourceNotice notice, CancellationToken draining, CancellationToken abort)
    {
        var body = WebhookPayloads.Build(Format, notice, Health.AppInfo.Version);
        for (var attempt = 1; ; attempt++)
        {
            var started = time.GetUtcNow();
            var error = await SendOnceAsync(body, abort);
            if (error is null)
            {
                lock (statusGate)
                {
                    lastStatus = "ok";
                    lastAttemptAt = started;
                    lastSuccessAt = time.GetUtcNow();
                }

                Interlocked.Increment(ref delivered);
                metrics.RecordNotification(Name, "delivered");
                logger.WebhookDelivered(Name, notice.KindName, notice.Source, attempt);
                return;
            }

            var final = attempt >= options.MaxAttempts || !error.Value.Retryable || draining.IsCancellationRequested;
            lock (statusGate)
            {
                lastStatus = final ? "failed" : "retrying";
                lastAttemptAt = started;
                lastError = error.Value.Reason;
                lastErrorAt = time.GetUtcNow();
            }

            if (!final)
            {
                var delay = options.RetryDelay * Math.Pow(2, attempt - 1);
                logger.WebhookRetrying(Name, notice.KindName, notice.Source, attempt, options.MaxAttempts, error.Value.Reason, (long)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, time, draining);
                    continue;
                }
                catch (OperationCanceledException)
                {
                    // Shutdown began: give up rather than hold it for a retry.
                    lock (statusGate)
                    {
                        lastStatus = "failed";
                    }
                }
            }

            Interlocked.Increment(ref failed);
            metrics.RecordNotification(Name, "failed");
            logger.WebhookGaveUp(Name, notice.KindName, notice.Source, attempt, error.Value.Reason);
            return;
        }
    }

    /// <returns>Null on a 2xx answer; otherwise a short reason (no URL: it is a secret) and whether to retry.</returns>
    private async Task<(string Reason, bool Retryable)?> SendOnceAsync(byte[] body, CancellationToken abort)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, abort);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            var client = clients.CreateClient(NotificationQueue.HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? null : ($"HTTP {code}", code is >= 500 or 408 or 429);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return ("abandoned at shutdown", false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return ($"timeout after {FailureReasons.Format(options.Timeout)}", true);
        }
        catch (HttpRequestException ex)
        {
            return ($"connection failed ({ex.HttpRequestError})", true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever else goes wrong stays in this webhook's status: the worker must keep running.
            return ($"unexpected error ({ex.GetType().Name})", false);
        }
    }

    private void OnDropped()
    {
        Interlocked.Increment(ref dropped);
        Interlocked.Decrement(ref pending);
        metrics.RecordNotification(Name, "dropped");
        logger.WebhookDropped(Name);
    }
}
