using System.Collections.Concurrent;
using Dashboard.Logging;
using Dashboard.Sources.Engine;
using Microsoft.Extensions.Options;

namespace Dashboard.Notifications;

/// <summary>Turns source state changes from the <see cref="SourceStatusBoard"/> into notices: down, recovered,
/// breaker opened, breaker closed. Every change is logged; notices are de-duplicated per source and kind
/// within <see cref="NotificationOptions.MinInterval"/>, so a flapping source sends at most one "down" and
/// one "recovered" per window. A change held back is reconciled when the window ends: if the source's
/// state then differs from the last notice, the current state is sent, so the last word is never wrong.
/// Runs inside fetches: it never blocks (a short per-source lock, a non-blocking enqueue) and never throws.</summary>
public sealed class SourceStateNotifier : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, SourceTrack> tracks = new(StringComparer.OrdinalIgnoreCase);
    private readonly SourceStatusBoard board;
    private readonly INotificationSink sink;
    private readonly TimeProvider time;
    private readonly ILogger<SourceStateNotifier> logger;
    private readonly TimeSpan window;
    private readonly int webhooks;
    private volatile bool running;

    public SourceStateNotifier(
        SourceStatusBoard board,
        INotificationSink sink,
        IOptions<NotificationOptions> options,
        TimeProvider time,
        ILogger<SourceStateNotifier> logger)
    {
        this.board = board;
        this.sink = sink;
        this.time = time;
        this.logger = logger;
        window = options.Value.MinInterval;
        webhooks = options.Value.Webhooks.Count;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        running = true;
        board.StateChanged += OnStateChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        running = false;
        board.StateChanged -= OnStateChanged;
        DisposeTimers();
        return Task.CompletedTask;
    }

    private void OnStateChanged(SourceStateChange change)
    {
        try
        {
            switch (change.Kind)
            {
                case SourceStateChangeKind.Failing:
                    logger.SourceFailing(change.SourceName, change.Reason);
                    break;
                case SourceStateChangeKind.Recovered:
                    logger.SourceRecovered(change.SourceName);
                    break;
                case SourceStateChangeKind.BreakerOpened:
                    logger.BreakerOpened(change.SourceName);
                    break;
                case SourceStateChangeKind.BreakerClosed:
                    logger.BreakerClosed(change.SourceName);
                    break;
                default:
                    // FirstSuccess: nothing happened worth a log line, but a source notified down before a
                    // configuration change reset it has recovered now.
                    break;
            }

            Reconcile(change.SourceName);
        }
        catch (Exception ex)
        {
            // The board raises inside a fetch: a notification problem must never fail the fetch.
            logger.NotifierFailed(ex);
        }
    }

    /// <summary>Compares the source's current state with what was last notified and sends what differs,
    /// unless that kind of notice was sent within the window (then a timer comes back when it ends).</summary>
    private void Reconcile(string source)
    {
        if (!running)
        {
            return;
        }

        var track = tracks.GetOrAdd(source, static name => new SourceTrack(name));
        lock (track.Gate)
        {
            // The board, not the event, is the truth: events from concurrent fetches may arrive out of order.
            var status = board.Get(source);
            var now = time.GetUtcNow();
            var down = status.Failing;

            // The board shows a half-open breaker as closed; while fetches still fail it is not a close worth telling.
            var breakerOpen = status.BreakerOpen || (track.NotifiedBreakerOpen && status.ConsecutiveFailures > 0);
            DateTimeOffset? retryAt = null;

            if (down && !track.NotifiedDown)
            {
                TryNotify(track, NoticeKind.Down, status, now, ref retryAt);
            }

            // A breaker notice only follows a "down" notice, so receivers never hear of a breaker first.
            if (breakerOpen && !track.NotifiedBreakerOpen && track.NotifiedDown)
            {
                TryNotify(track, NoticeKind.BreakerOpened, status, now, ref retryAt);
            }

            if (!breakerOpen && track.NotifiedBreakerOpen)
            {
                TryNotify(track, NoticeKind.BreakerClosed, status, now, ref retryAt);
            }

            if (!down && track.NotifiedDown)
            {
                TryNotify(track, NoticeKind.Recovered, status, now, ref retryAt);
            }

            if (retryAt is { } due)
            {
                ScheduleReconcile(track, due, now);
            }
        }
    }

    private void TryNotify(SourceTrack track, NoticeKind kind, SourceStatus status, DateTimeOffset now, ref DateTimeOffset? retryAt)
    {
        var notice = new SourceNotice(
            track.Source, kind, now, status.Failing ? status.LastFailureReason : null,
            status.LastSuccessAt, status.LastFailureAt, status.ConsecutiveFailures, status.BreakerOpen);
        if (window > TimeSpan.Zero && track.LastSent.TryGetValue(kind, out var last) && now - last < window)
        {
            var until = last + window;
            retryAt = retryAt is { } earlier && earlier < until ? earlier : until;
            logger.NoticeHeldBack(notice.KindName, track.Source, until);
            return;
        }

        track.LastSent[kind] = now;
        switch (kind)
        {
            case NoticeKind.Down:
                track.NotifiedDown = true;
                break;
            case NoticeKind.Recovered:
                track.NotifiedDown = false;
                break;
            case NoticeKind.BreakerOpened:
                track.NotifiedBreakerOpen = true;
                break;
            default:
                track.NotifiedBreakerOpen = false;
                break;
        }

        // Under the track's lock, so two notices of one source reach the queue in decision order.
        sink.Enqueue(notice);
        if (webhooks > 0)
        {
            logger.NoticeQueued(notice.KindName, track.Source, webhooks);
        }
    }

    // Called under the track's lock.
    private void ScheduleReconcile(SourceTrack track, DateTimeOffset due, DateTimeOffset now)
    {
        if (track.ReconcileAt is { } pending && pending <= due)
        {
            return;
        }

        track.ReconcileAt = due;
        track.Timer ??= time.CreateTimer(OnTimer, track.Source, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var delay = due - now;
        track.Timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer(object? state)
    {
        var source = (string)state!;
        try
        {
            if (tracks.TryGetValue(source, out var track))
            {
                lock (track.Gate)
                {
                    track.ReconcileAt = null;
                }
            }

            Reconcile(source);
        }
        catch (Exception ex)
        {
            logger.NotifierFailed(ex);
        }
    }

    private void DisposeTimers()
    {
        foreach (var track in tracks.Values)
        {
            lock (track.Gate)
            {
                track.Timer?.Dispose();
                track.Timer = null;
                track.ReconcileAt = null;
            }
        }
    }

    public void Dispose()
    {
        board.StateChanged -= OnStateChanged;
        DisposeTimers();
    }

    /// <summary>What was last notified for one source, and when each kind was last sent.</summary>
    private sealed class SourceTrack(string source)
    {
        public string Source { get; } = source;

        public Lock Gate { get; } = new();

        public bool NotifiedDown { get; set; }

        public bool NotifiedBreakerOpen { get; set; }

        public Dictionary<NoticeKind, DateTimeOffset> LastSent { get; } = [];

        public ITimer? Timer { get; set; }

        public DateTimeOffset? ReconcileAt { get; set; }
    }
}
