using System.Diagnostics;
using Dashboard.Sources;
using Dashboard.Sources.Engine;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Engine;

/// <summary>A hung fetch costs one render deadline, once: the view that started it and views that arrived within its
/// deadline wait (what is left of it); later views get the fallback at once.</summary>
public sealed class HungFetchTests
{
    [Fact]
    public async Task After_the_first_deadline_new_views_of_a_hung_fetch_get_the_fallback_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = new EngineHarness(EngineHarness.Source("h", deadlineSeconds: 1, maxAgeSeconds: 5, fetchTimeoutSeconds: 30));
        h.Sources["h"].Respond = _ => new SourceFetchResult(SourceValue.OfNumber(4));
        await h.Engine.ReadAsync("h", ct);
        h.Sources["h"].Respond = null; // From now on the upstream hangs.
        h.Time.Advance(TimeSpan.FromSeconds(6));

        var starter = h.Engine.ReadAsync("h", ct);
        await h.Sources["h"].WaitForCallsAsync(2);
        h.Time.Advance(TimeSpan.FromMilliseconds(600));
        var within = h.Engine.ReadAsync("h", ct); // Arrives within the deadline: waits what is left of it (0.4 s).
        Assert.False(within.IsCompleted);
        h.Time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(ReadingState.Stale, (await starter.WaitAsync(TimeSpan.FromSeconds(5), ct)).State);
        Assert.Equal(ReadingState.Stale, (await within.WaitAsync(TimeSpan.FromSeconds(5), ct)).State);

        // The fetch still hangs; the clock stands still, so a view that waited would never finish.
        for (var view = 0; view < 20; view++)
        {
            var clock = Stopwatch.StartNew();
            var reading = await h.Engine.ReadAsync("h", ct).WaitAsync(TimeSpan.FromSeconds(2), ct);
            Assert.True(clock.ElapsedMilliseconds < 100, $"view {view} took {clock.ElapsedMilliseconds} ms");
            Assert.Equal(ReadingState.Stale, reading.State);
            Assert.Equal(4, reading.Value!.Number);
            Assert.Equal(PublicReasons.Slow, reading.PublicReason);
            Assert.StartsWith("timeout: no answer within 1 s", reading.Reason, StringComparison.Ordinal);
        }

        Assert.Equal(2, h.Sources["h"].Calls);
    }

    [Fact]
    public async Task A_view_arriving_within_the_deadline_gets_the_value_when_it_comes_in_time()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = new EngineHarness(EngineHarness.Source("h", deadlineSeconds: 1, maxAgeSeconds: 5, fetchTimeoutSeconds: 30));
        var starter = h.Engine.ReadAsync("h", ct);
        await h.Sources["h"].WaitForCallsAsync(1);
        h.Time.Advance(TimeSpan.FromMilliseconds(500));
        var joiner = h.Engine.ReadAsync("h", ct);
        h.Time.Advance(TimeSpan.FromMilliseconds(300));
        await h.Sources["h"].CompleteNextAsync(9);

        Assert.Equal(9, (await starter).Value!.Number);
        Assert.Equal(9, (await joiner).Value!.Number);
        Assert.Equal(1, h.Sources["h"].Calls);
    }
}
