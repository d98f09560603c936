using Dashboard.Sources;
using Dashboard.Sources.Engine;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Engine;

public sealed class ResilienceTests
{
    private static SourceOptions Failing(int retries = 0)
    {
        var source = EngineHarness.Source("x", deadlineSeconds: 5, maxAgeSeconds: 0);
        source.CircuitBreaker.MinimumThroughput = 3;
        source.CircuitBreaker.FailureRatio = 1.0;
        source.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
        source.Retry.MaxRetries = retries;
        source.Retry.BaseDelay = TimeSpan.Zero;
        return source;
    }

    /// <summary>Reads once, then moves the clock to the reading's retry time (a failing source backs off meanwhile).</summary>
    private static async Task<SourceReading> ReadThenWaitOutBackoffAsync(EngineHarness h)
    {
        var reading = await h.Engine.ReadAsync("x", TestContext.Current.CancellationToken);
        if (reading.NextRetryAt is { } retry)
        {
            h.Time.Advance(retry - h.Time.GetUtcNow());
        }

        return reading;
    }

    [Fact]
    public async Task Breaker_opens_after_repeated_failures_and_the_panel_keeps_the_cause_with_the_breaker_beside_it()
    {
        await using var h = new EngineHarness(Failing());
        h.Sources["x"].Respond = _ => throw new SourceFailureException("HTTP 503", transient: true, publicReason: PublicReasons.Http(503));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("HTTP 503", (await ReadThenWaitOutBackoffAsync(h)).Reason);
        }

        var reading = await h.Engine.ReadAsync("x", TestContext.Current.CancellationToken);

        Assert.Equal(ReadingState.Unavailable, reading.State);
        Assert.Equal("HTTP 503 · circuit open", reading.Reason);
        Assert.Equal("HTTP 503", reading.PublicReason);
        Assert.Equal(3, h.Sources["x"].Calls);
        Assert.True(h.Board.Get("x").BreakerOpen);
        Assert.Equal("HTTP 503 · circuit open", h.Board.Get("x").LastFailureReason);
        Assert.Equal("HTTP 503", h.Board.Get("x").LastCause);
    }

    [Fact]
    public async Task Breaker_lets_a_probe_through_after_its_break_and_closes_on_success()
    {
        await using var h = new EngineHarness(Failing());
        h.Sources["x"].Respond = _ => throw new SourceFailureException("HTTP 503", transient: true);
        for (var i = 0; i < 4; i++)
        {
            await ReadThenWaitOutBackoffAsync(h);
        }

        h.Sources["x"].Respond = _ => new SourceFetchResult(SourceValue.OfNumber(1));
        h.Time.Advance(TimeSpan.FromSeconds(31));
        var reading = await h.Engine.ReadAsync("x", TestContext.Current.CancellationToken);

        Assert.Equal(ReadingState.Fresh, reading.State);
        Assert.False(h.Board.Get("x").BreakerOpen);
    }

    [Fact]
    public async Task Without_a_fixed_break_an_open_breaker_lets_the_next_scheduled_retry_through()
    {
        var source = Failing();
        source.CircuitBreaker.BreakDuration = null;
        await using var h = new EngineHarness(source);
        h.Sources["x"].Respond = _ => throw new SourceFailureException("HTTP 503", transient: true);
        for (var i = 0; i < 3; i++)
        {
            await ReadThenWaitOutBackoffAsync(h);
        }

        Assert.True(h.Board.Get("x").BreakerOpen);

        // The upstream is back: the retry the back-off scheduled reaches it (no fixed 30 s open period to wait out).
        h.Sources["x"].Respond = _ => new SourceFetchResult(SourceValue.OfNumber(1));
        var reading = await h.Engine.ReadAsync("x", TestContext.Current.CancellationToken);

        Assert.Equal(ReadingState.Fresh, reading.State);
        Assert.Equal(4, h.Sources["x"].Calls);
        Assert.False(h.Board.Get("x").BreakerOpen);
    }

    [Fact]
    public async Task Transient_failures_are_retried_when_retry_is_configured()
    {
        await using var h = new EngineHarness(Failing(retries: 2));
        h.Sources["x"].Respond = call => call < 3
            ? throw new SourceFailureException("HTTP 502", transient: true)
            : new SourceFetchResult(SourceValue.OfNumber(8));

        var reading = await h.Engine.ReadAsync("x", TestContext.Current.CancellationToken);

        Assert.Equal(ReadingState.Fresh, reading.State);
        Assert.Equal(3, h.Sources["x"].Calls);
    }

    [Fact]
    public async Task Nothing_is_retried_without_retry_configured()
    {
        await using var h = new EngineHarness(Failing(retries: 0));
        h.Sources["x"].Respond = _ => throw new SourceFailureException("HTTP 502", transient: true);

        await h.Engine.ReadAsync("x", TestContext.Current.CancellationToken);

        Assert.Equal(1, h.Sources["x"].Calls);
    }

    [Fact]
    public async Task Permanent_failures_are_not_retried()
    {
        await using var h = new EngineHarness(Failing(retries: 3));
        h.Sources["x"].Respond = _ => throw new SourceFailureException("invalid JSON: bad", transient: false);

        var reading = await h.Engine.ReadAsync("x", TestContext.Current.CancellationToken);

        Assert.Equal("invalid JSON: bad", reading.Reason);
        Assert.Equal(1, h.Sources["x"].Calls);
    }

    [Fact]
    public async Task Fetch_timeout_ends_a_hanging_upstream_call_with_a_reason()
    {
        await using var h = new EngineHarness(EngineHarness.Source("x", deadlineSeconds: 6, maxAgeSeconds: 0, fetchTimeoutSeconds: 5));
        var view = h.Engine.ReadAsync("x", TestContext.Current.CancellationToken);
        // Let the refresh reach Polly's timeout before moving the clock past it.
        await h.Sources["x"].WaitForCallsAsync(1);

        h.Time.Advance(TimeSpan.FromSeconds(5));
        var reading = await view;

        Assert.Equal(ReadingState.Unavailable, reading.State);
        Assert.Equal("timeout after 5 s", reading.Reason);
    }
}
