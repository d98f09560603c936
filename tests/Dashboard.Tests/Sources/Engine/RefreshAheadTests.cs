using Dashboard.Sources;
using Dashboard.Sources.Engine;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Engine;

/// <summary>Values being read are refreshed before they expire, so in steady state no view waits for a fetch; values
/// nobody reads are never refreshed. The refresh-ahead pass runs as <see cref="RefreshAheadService"/> would.</summary>
public sealed class RefreshAheadTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Steady_reads_at_any_moment_after_warm_up_never_start_or_join_a_fetch()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = new EngineHarness(EngineHarness.Source("s", deadlineSeconds: 1, maxAgeSeconds: 10));
        var source = h.Sources["s"];
        var warmUp = h.Engine.ReadAsync("s", ct);
        await source.CompleteNextAsync(0);
        await warmUp;

        for (var step = 1; step <= 480; step++)
        {
            h.Time.Advance(Step);

            // A fetch started on the previous pass answers now: each takes one step (250 ms).
            if (source.TryCompletePending(step))
            {
                await h.WaitForValueAsync("s", newerThan: Step);
            }

            // The clock moves on only once a started refresh has reached the upstream, as it would on a real one.
            if (h.Engine.RefreshAhead([]).Count > 0)
            {
                await source.WaitForCallsAsync(source.Calls + 1);
            }

            var read = h.Engine.ReadAsync("s", ct);
            Assert.True(read.IsCompleted, $"the view at {step * Step.TotalSeconds} s waited for a fetch");
            Assert.Equal(ReadingState.Fresh, (await read).State);
        }

        // About one fetch per 75 to 85 % of MaxAge over 120 s, never more than one per half of it.
        Assert.InRange(source.Calls, 1 + 120 / 10, 1 + (120 / 5));
    }

    [Fact]
    public async Task An_entry_nobody_reads_is_not_refreshed() =>
        Assert.Equal(1, await CallsAsync(maxAgeSeconds: 10, readAfter: null, passes: 240));

    [Fact]
    public async Task Reads_that_stop_leave_at_most_one_refresh_after_the_last_read() =>
        Assert.Equal(2, await CallsAsync(maxAgeSeconds: 10, readAfter: TimeSpan.FromSeconds(1), passes: 480));

    [Fact]
    public async Task A_source_that_always_fetches_is_not_refreshed_ahead_for_pages() =>
        Assert.Equal(2, await CallsAsync(maxAgeSeconds: 0, readAfter: Step, passes: 40));

    /// <summary>A first read, maybe a second one <paramref name="readAfter"/> later, then refresh-ahead passes a step apart
    /// with nobody reading (each awaits the refreshes it started): how many times the upstream was called.</summary>
    private static async Task<int> CallsAsync(double maxAgeSeconds, TimeSpan? readAfter, int passes)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = new EngineHarness(EngineHarness.Source("s", deadlineSeconds: 1, maxAgeSeconds: maxAgeSeconds));
        h.Sources["s"].Respond = call => new SourceFetchResult(SourceValue.OfNumber(call));
        await h.Engine.ReadAsync("s", ct);
        if (readAfter is { } later)
        {
            h.Time.Advance(later);
            await h.Engine.ReadAsync("s", ct);
        }

        for (var step = 0; step < passes; step++)
        {
            h.Time.Advance(Step);
            await Task.WhenAll(h.Engine.RefreshAhead([]));
        }

        return h.Sources["s"].Calls;
    }
}
