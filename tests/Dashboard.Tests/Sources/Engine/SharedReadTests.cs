using Dashboard.Sources;
using Dashboard.Sources.Engine;
using Dashboard.Storage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Engine;

/// <summary>A frozen storage database never costs a page its deadline: the stored value is awaited at most
/// SharedReadWait, then the upstream is called; history and writes wait in the background.</summary>
public sealed class SharedReadTests
{
    [Fact]
    public async Task With_storage_frozen_a_page_gets_the_upstreams_value_within_its_deadline_and_no_reason_blames_the_upstream()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new FrozenStore();
        var storage = new StorageOptions { SharedReadWait = TimeSpan.FromMilliseconds(100) };
        await using (var h = new EngineHarness(store, null, storage, EngineHarness.Source("s", deadlineSeconds: 1, maxAgeSeconds: 30)))
        {
            h.Sources["s"].Respond = _ => new SourceFetchResult(SourceValue.OfNumber(12));
            var view = h.Engine.ReadAsync("s", ct);
            await WaitUntilAsync(() => store.LastGoodReads == 1);
            Assert.Equal(0, h.Sources["s"].Calls);

            await PassSharedReadWaitAsync(h, storage.SharedReadWait, calls: 1);
            var reading = await view.WaitAsync(TimeSpan.FromSeconds(5), ct);

            Assert.Equal(ReadingState.Fresh, reading.State);
            Assert.Equal(12, reading.Value!.Number);
            Assert.Null(reading.Reason);
            Assert.Equal(1, h.Sources["s"].Calls);

            // The value's write is stuck too: the next view (stale value, storage still frozen) is not held by it.
            h.Time.Advance(TimeSpan.FromSeconds(31));
            var next = h.Engine.ReadAsync("s", ct);
            await WaitUntilAsync(() => store.LastGoodReads == 2);
            await PassSharedReadWaitAsync(h, storage.SharedReadWait, calls: 2);
            Assert.Equal(ReadingState.Fresh, (await next.WaitAsync(TimeSpan.FromSeconds(5), ct)).State);
            Assert.True(h.Queue.Depth >= 1, "the writes wait in the queue");
            store.Thaw();
        }
    }

    [Fact]
    public async Task With_storage_frozen_an_upstream_failure_is_the_reason_shown()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new FrozenStore();
        await using var h = new EngineHarness(store, null, new StorageOptions(), EngineHarness.Source("s", deadlineSeconds: 1));
        h.Sources["s"].Respond = _ => throw new SourceFailureException("HTTP 502", publicReason: PublicReasons.Http(502));
        var view = h.Engine.ReadAsync("s", ct);
        await WaitUntilAsync(() => store.LastGoodReads == 1);
        await PassSharedReadWaitAsync(h, new StorageOptions().SharedReadWait, calls: 1);

        var reading = await view.WaitAsync(TimeSpan.FromSeconds(5), ct);

        Assert.Equal(ReadingState.Unavailable, reading.State);
        Assert.Equal("HTTP 502", reading.Reason);
        store.Thaw();
    }

    /// <summary>Moves the clock on by the shared-read wait until the refresh gives up on storage and calls the upstream.
    /// The store counts a read before the engine arms its wait timer (on the refresh's own thread), so one step can come
    /// too early on a loaded machine; steps stop well before the 1 s render deadline, so the view still waits.</summary>
    private static async Task PassSharedReadWaitAsync(EngineHarness h, TimeSpan wait, int calls)
    {
        for (var steps = 0; h.Sources["s"].Calls < calls; steps++)
        {
            Assert.True(steps < 5, "the upstream was not called after the shared-read wait");
            h.Time.Advance(wait);
            await WaitUntilAsync(() => h.Sources["s"].Calls >= calls, TimeSpan.FromMilliseconds(500));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        try
        {
            while (!condition())
            {
                await Task.Delay(5, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (within is not null)
        {
            // A bounded wait: the caller checks the condition again.
        }
    }
}
