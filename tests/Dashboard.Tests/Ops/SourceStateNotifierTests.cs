using Dashboard.Notifications;
using Dashboard.Sources.Engine;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Ops;

/// <summary>Transition detection and de-duplication on a manual clock, straight on the status board.</summary>
public sealed class SourceStateNotifierTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(5);

    private readonly FakeTimeProvider time = new();
    private readonly SourceStatusBoard board;
    private readonly CapturingSink sink = new();
    private SourceStateNotifier notifier;

    public SourceStateNotifierTests()
    {
        board = new SourceStatusBoard(time);
        notifier = Create(Window);
    }

    public async ValueTask InitializeAsync() => await notifier.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await notifier.StopAsync(CancellationToken.None);
        notifier.Dispose();
    }

    [Fact]
    public void A_flapping_source_sends_one_down_and_one_recovered_within_the_window()
    {
        for (var i = 0; i < 4; i++)
        {
            board.RecordFailure("api", $"HTTP 50{i}", Latency);
            time.Advance(TimeSpan.FromSeconds(10));
            board.RecordSuccess("api", Latency);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal([NoticeKind.Down, NoticeKind.Recovered], sink.Kinds);
        var down = sink.Notices[0];
        Assert.Equal("api", down.Source);
        Assert.Equal("HTTP 500", down.Reason);
        Assert.Equal("failing", down.State);
        Assert.Equal(1, down.ConsecutiveFailures);
        Assert.Null(sink.Notices[1].Reason);
        Assert.Equal("healthy", sink.Notices[1].State);

        // Healthy at the end of the window, as last notified: nothing more to say.
        time.Advance(Window);
        Assert.Equal(2, sink.Notices.Count);
    }

    [Fact]
    public void A_change_held_back_by_the_window_is_sent_when_the_window_ends()
    {
        board.RecordFailure("api", "HTTP 500", Latency);
        time.Advance(TimeSpan.FromSeconds(10));
        board.RecordSuccess("api", Latency);
        time.Advance(TimeSpan.FromSeconds(10));
        board.RecordFailure("api", "timeout after 1 s", Latency);
        Assert.Equal([NoticeKind.Down, NoticeKind.Recovered], sink.Kinds);

        // The first "down" was sent at t0: the held-back one goes out at t0 + window, with the current reason.
        time.Advance(Window - TimeSpan.FromSeconds(21));
        Assert.Equal(2, sink.Notices.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([NoticeKind.Down, NoticeKind.Recovered, NoticeKind.Down], sink.Kinds);
        Assert.Equal("timeout after 1 s", sink.Notices[2].Reason);

        time.Advance(Window * 3);
        Assert.Equal(3, sink.Notices.Count);
    }

    [Fact]
    public void Breaker_notices_follow_down_and_a_half_open_probe_is_not_a_close()
    {
        board.RecordFailure("api", "HTTP 503", Latency);
        board.RecordFailure("api", "HTTP 503", Latency);
        board.RecordBreaker("api", true);
        Assert.Equal([NoticeKind.Down, NoticeKind.BreakerOpened], sink.Kinds);
        Assert.True(sink.Notices[1].BreakerOpen);

        // Half-open, the probe fails, the breaker opens again: still the same outage.
        time.Advance(TimeSpan.FromSeconds(30));
        board.RecordBreaker("api", false);
        board.RecordFailure("api", "HTTP 503", Latency);
        board.RecordBreaker("api", true);
        time.Advance(TimeSpan.FromSeconds(30));
        board.RecordBreaker("api", false);
        Assert.Equal(2, sink.Notices.Count);

        board.RecordSuccess("api", Latency);
        Assert.Equal([NoticeKind.Down, NoticeKind.BreakerOpened, NoticeKind.BreakerClosed, NoticeKind.Recovered], sink.Kinds);
        Assert.Equal(["down", "breaker_opened", "breaker_closed", "recovered"], sink.Notices.Select(n => n.KindName));
    }

    [Fact]
    public void A_source_reset_by_a_configuration_change_recovers_on_its_first_success()
    {
        board.RecordSuccess("api", Latency);
        Assert.Empty(sink.Notices);

        board.RecordFailure("api", "HTTP 404", Latency);
        board.RecordFailure("api", "HTTP 404", Latency);
        board.RecordBreaker("api", true);

        // A fixed URL: the engine invalidates the pipeline (breaker closed) and resets the board.
        board.RecordBreaker("api", false);
        board.Reset("api");
        Assert.Equal([NoticeKind.Down, NoticeKind.BreakerOpened], sink.Kinds);

        board.RecordSuccess("api", Latency);
        Assert.Equal([NoticeKind.Down, NoticeKind.BreakerOpened, NoticeKind.BreakerClosed, NoticeKind.Recovered], sink.Kinds);
    }

    [Fact]
    public void Sources_are_tracked_separately()
    {
        board.RecordFailure("a", "HTTP 500", Latency);
        board.RecordFailure("b", "HTTP 500", Latency);
        board.RecordSuccess("a", Latency);
        Assert.Equal([("a", NoticeKind.Down), ("b", NoticeKind.Down), ("a", NoticeKind.Recovered)], sink.Notices.Select(n => (n.Source, n.Kind)));
    }

    [Fact]
    public async Task A_zero_interval_turns_de_duplication_off()
    {
        await notifier.StopAsync(CancellationToken.None);
        notifier.Dispose();
        notifier = Create(TimeSpan.Zero);
        await notifier.StartAsync(CancellationToken.None);

        board.RecordFailure("api", "x", Latency);
        board.RecordSuccess("api", Latency);
        board.RecordFailure("api", "x", Latency);
        board.RecordSuccess("api", Latency);
        Assert.Equal([NoticeKind.Down, NoticeKind.Recovered, NoticeKind.Down, NoticeKind.Recovered], sink.Kinds);
    }

    [Fact]
    public void A_broken_sink_never_fails_the_fetch_that_reports_the_change()
    {
        sink.Throw = true;
        board.RecordFailure("api", "HTTP 500", Latency);
        board.RecordSuccess("api", Latency);
        Assert.True(board.Get("api").Successes == 1);
    }

    [Fact]
    public async Task After_stop_nothing_is_sent_and_pending_reconciliations_are_dropped()
    {
        board.RecordFailure("api", "HTTP 500", Latency);
        board.RecordSuccess("api", Latency);
        board.RecordFailure("api", "HTTP 500", Latency);
        await notifier.StopAsync(CancellationToken.None);

        time.Advance(Window * 2);
        board.RecordSuccess("api", Latency);
        Assert.Equal([NoticeKind.Down, NoticeKind.Recovered], sink.Kinds);
    }

    private SourceStateNotifier Create(TimeSpan window) =>
        new(board, sink, Options.Create(new NotificationOptions { MinInterval = window }), time, NullLogger<SourceStateNotifier>.Instance);
}
