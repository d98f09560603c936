using Dashboard.Sources;
using Dashboard.Sources.Coordination;
using Dashboard.Sources.Engine;
using Dashboard.Storage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Engine;

/// <summary>A source that fails is called on the back-off schedule alone: views meanwhile get the fallback at once,
/// however many there are, and the first retry after the upstream recovers makes it fresh.</summary>
public sealed class BackoffEngineTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private static SourceOptions Source() => EngineHarness.Source("s", deadlineSeconds: 1, maxAgeSeconds: 5, fetchTimeoutSeconds: 5);

    /// <summary>A harness whose back-off jitter is fixed, so two runs follow the same schedule.</summary>
    private static EngineHarness Harness() =>
        new(new InMemoryDashboardStore(), time => new InProcessFetchCoordinator(time, () => 0.5), null, Source());

    /// <summary>A good value, then 60 s of failure read by <paramref name="viewers"/> concurrent viewers every step (with
    /// the refresh-ahead pass the service runs), then the fault clears. Returns the calls during the failure and how long
    /// after the fault cleared the first fresh view came, against the retry interval then in force.</summary>
    private static async Task<(int FailingCalls, TimeSpan ToFresh, TimeSpan RetryInterval)> RunAsync(int viewers)
    {
        await using var h = Harness();
        var source = h.Sources["s"];
        var ct = TestContext.Current.CancellationToken;
        var failing = true;
        source.Respond = _ => failing
            ? throw new SourceFailureException("HTTP 503", transient: true, publicReason: PublicReasons.Http(503))
            : new SourceFetchResult(SourceValue.OfNumber(1));
        failing = false;
        await h.Engine.ReadAsync("s", ct);
        failing = true;
        var before = source.Calls;

        DateTimeOffset? firstFailure = null;
        SourceReading last = default!;
        while (firstFailure is null || h.Time.GetUtcNow() - firstFailure < TimeSpan.FromSeconds(60))
        {
            h.Time.Advance(Step);
            await Task.WhenAll(h.Engine.RefreshAhead([]));
            var readings = await Task.WhenAll(Enumerable.Range(0, viewers).Select(_ => Task.Run(() => h.Engine.ReadAsync("s", ct), ct)));
            last = readings[^1];
            if (firstFailure is null && source.Calls > before)
            {
                firstFailure = h.Time.GetUtcNow();
            }
        }

        var failingCalls = source.Calls - before;
        var retryAt = last.NextRetryAt!.Value;
        var lastTry = retryAt - BackoffRule.For(Source()).Delay(failingCalls, 0.5);
        failing = false;
        var cleared = h.Time.GetUtcNow();
        while (true)
        {
            h.Time.Advance(Step);
            await Task.WhenAll(h.Engine.RefreshAhead([]));
            var readings = await Task.WhenAll(Enumerable.Range(0, viewers).Select(_ => Task.Run(() => h.Engine.ReadAsync("s", ct), ct)));
            if (readings.All(r => r.State == ReadingState.Fresh))
            {
                return (failingCalls, h.Time.GetUtcNow() - cleared, retryAt - lastTry);
            }

            Assert.True(h.Time.GetUtcNow() - cleared < TimeSpan.FromMinutes(10), "never fresh again");
        }
    }

    [Fact]
    public async Task A_failing_source_is_called_as_often_by_200_viewers_as_by_1_at_most_the_schedules_count_and_is_fresh_within_a_retry_of_recovery()
    {
        var one = await RunAsync(1);
        var many = await RunAsync(200);

        var schedule = BackoffRule.For(Source()).MaxCalls(TimeSpan.FromSeconds(60));
        Assert.InRange(one.FailingCalls, 3, schedule);
        Assert.Equal(one.FailingCalls, many.FailingCalls);
        Assert.True(one.ToFresh <= one.RetryInterval + Step, $"fresh {one.ToFresh} after recovery, retry interval {one.RetryInterval}");
        Assert.True(many.ToFresh <= many.RetryInterval + Step, $"fresh {many.ToFresh} after recovery, retry interval {many.RetryInterval}");
    }

    [Fact]
    public async Task Views_during_the_back_off_get_the_last_good_value_with_the_cause_and_the_retry_time_at_once()
    {
        await using var h = Harness();
        var ct = TestContext.Current.CancellationToken;
        h.Sources["s"].Respond = call => call == 1
            ? new SourceFetchResult(SourceValue.OfNumber(7))
            : throw new SourceFailureException("path 'x' not found (keys: a, b)", publicReason: PublicReasons.UnexpectedData);
        await h.Engine.ReadAsync("s", ct);
        h.Time.Advance(TimeSpan.FromSeconds(6));
        var failed = await h.Engine.ReadAsync("s", ct);

        // MaxAge 5 s: the first retry after max(2 s, 2.5 s) × 1.1 (jitter 0.5 of 20 %).
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromSeconds(2.75), failed.NextRetryAt);
        var during = h.Engine.ReadAsync("s", ct);
        Assert.True(during.IsCompleted, "a view during the back-off waits for nothing");
        var reading = await during;
        Assert.Equal(ReadingState.Stale, reading.State);
        Assert.Equal(7, reading.Value!.Number);
        Assert.Equal("path 'x' not found (keys: a, b)", reading.Reason);
        Assert.Equal(PublicReasons.UnexpectedData, reading.PublicReason);
        Assert.Equal(failed.NextRetryAt, reading.NextRetryAt);
        Assert.Equal(2, h.Sources["s"].Calls);
    }

    [Fact]
    public async Task An_edit_of_the_source_ends_its_back_off_at_once()
    {
        await using var h = Harness();
        var ct = TestContext.Current.CancellationToken;
        h.Sources["s"].Respond = _ => throw new SourceFailureException("HTTP 404");
        await h.Engine.ReadAsync("s", ct);
        Assert.NotNull((await h.Engine.ReadAsync("s", ct)).NextRetryAt);

        var fixedSource = Source();
        fixedSource.Http!.Path = "fixed";
        h.Config.Set(EngineHarness.Options(fixedSource));
        h.Sources["s"].Respond = _ => new SourceFetchResult(SourceValue.OfNumber(3));

        Assert.Equal(ReadingState.Fresh, (await h.Engine.ReadAsync("s", ct)).State);
        Assert.Equal(2, h.Sources["s"].Calls);
    }
}
