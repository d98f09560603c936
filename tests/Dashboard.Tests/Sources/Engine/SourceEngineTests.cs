using Dashboard.Sources.Engine;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Engine;

public sealed class SourceEngineTests
{
    [Fact]
    public async Task Fresh_value_is_served_from_cache_without_an_upstream_call()
    {
        await using var h = new EngineHarness(EngineHarness.Source("a", maxAgeSeconds: 10));
        var first = h.Engine.ReadAsync("a", TestContext.Current.CancellationToken);
        await h.Sources["a"].CompleteNextAsync(42);
        Assert.Equal(ReadingState.Fresh, (await first).State);

        h.Time.Advance(TimeSpan.FromSeconds(9));
        var second = await h.Engine.ReadAsync("a", TestContext.Current.CancellationToken);

        Assert.Equal(ReadingState.Fresh, second.State);
        Assert.Equal(42, second.Value!.Number);
        Assert.Equal(1, h.Sources["a"].Calls);
    }

    [Fact]
    public async Task Concurrent_views_of_a_stale_source_share_one_upstream_call()
    {
        await using var h = new EngineHarness(EngineHarness.Source("a", deadlineSeconds: 5, maxAgeSeconds: 0));
        var views = Enumerable.Range(0, 200).Select(_ => h.Engine.ReadAsync("a", default)).ToArray();

        await h.Sources["a"].CompleteNextAsync(7);
        var readings = await Task.WhenAll(views);

        Assert.All(readings, r => Assert.Equal(7, r.Value!.Number));
        Assert.Equal(1, h.Sources["a"].Calls);
    }

    [Fact]
    public async Task Slow_source_past_its_render_deadline_shows_a_value_on_a_later_view()
    {
        // Upstream takes 3 s, the page waits 1 s: the fetch goes on in the background and fills the cache.
        await using var h = new EngineHarness(EngineHarness.Source("slow", deadlineSeconds: 1, maxAgeSeconds: 30, fetchTimeoutSeconds: 5));
        var first = h.Engine.ReadAsync("slow", TestContext.Current.CancellationToken);
        await h.Sources["slow"].WaitForCallsAsync(1);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var firstReading = await first;
        Assert.Equal(ReadingState.Unavailable, firstReading.State);
        Assert.Contains("no answer within 1 s", firstReading.Reason);

        h.Time.Advance(TimeSpan.FromSeconds(2));
        await h.Sources["slow"].CompleteNextAsync(3.5);
        await h.WaitForValueAsync("slow");

        var later = await h.Engine.ReadAsync("slow", TestContext.Current.CancellationToken);
        Assert.Equal(ReadingState.Fresh, later.State);
        Assert.Equal(3.5, later.Value!.Number);
        Assert.Equal(1, h.Sources["slow"].Calls);
    }

    [Fact]
    public async Task Stale_value_is_shown_with_its_age_and_reason_when_the_refresh_misses_the_deadline()
    {
        await using var h = new EngineHarness(EngineHarness.Source("s", deadlineSeconds: 1, maxAgeSeconds: 10));
        var first = h.Engine.ReadAsync("s", TestContext.Current.CancellationToken);
        await h.Sources["s"].CompleteNextAsync(10);
        var fetchedAt = (await first).FetchedAt;

        h.Time.Advance(TimeSpan.FromSeconds(11));
        var view = h.Engine.ReadAsync("s", TestContext.Current.CancellationToken);
        await h.Sources["s"].WaitForCallsAsync(2);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var reading = await view;

        Assert.Equal(ReadingState.Stale, reading.State);
        Assert.Equal(10, reading.Value!.Number);
        Assert.Equal(fetchedAt, reading.FetchedAt);
        Assert.StartsWith("timeout", reading.Reason);
    }

    [Fact]
    public async Task A_live_refresh_gets_the_last_good_value_at_once_while_the_refresh_runs_and_other_views_still_wait()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = new EngineHarness(EngineHarness.Source("s", deadlineSeconds: 1, maxAgeSeconds: 10));
        var first = h.Engine.ReadAsync("s", ct, keptFreshEvery: TimeSpan.FromSeconds(5)); // Nothing to show yet: it waits.
        await h.Sources["s"].WaitForCallsAsync(1);
        Assert.False(first.IsCompleted);
        await h.Sources["s"].CompleteNextAsync(10);
        Assert.Equal(ReadingState.Fresh, (await first).State);

        h.Time.Advance(TimeSpan.FromSeconds(11));
        var firstLoad = h.Engine.ReadAsync("s", ct);
        await h.Sources["s"].WaitForCallsAsync(2);
        var live = await h.Engine.ReadAsync("s", ct, keptFreshEvery: TimeSpan.FromSeconds(5)); // The clock stands still: no deadline passed.

        Assert.Equal(ReadingState.Stale, live.State);
        Assert.Equal(10, live.Value!.Number);
        Assert.Equal("refreshing", live.Reason);
        Assert.False(firstLoad.IsCompleted);
        await h.Sources["s"].CompleteNextAsync(11);
        Assert.Equal(11, (await firstLoad).Value!.Number);
        Assert.Equal(2, h.Sources["s"].Calls); // The live read joined the running refresh.
    }

    [Fact]
    public async Task A_live_refresh_never_starts_a_fetch_once_a_value_exists()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = new EngineHarness(EngineHarness.Source("s", deadlineSeconds: 1, maxAgeSeconds: 10));
        var first = h.Engine.ReadAsync("s", ct);
        await h.Sources["s"].CompleteNextAsync(10);
        await first;

        // Due, and nothing fetching: the live refresher will; this read shows the last good value at once.
        h.Time.Advance(TimeSpan.FromSeconds(11));
        var live = await h.Engine.ReadAsync("s", ct, keptFreshEvery: TimeSpan.FromSeconds(5));

        Assert.Equal(ReadingState.Stale, live.State);
        Assert.Equal(10, live.Value!.Number);
        Assert.Equal("refreshing", live.Reason);
        Assert.Equal(1, h.Sources["s"].Calls);
    }

    [Fact]
    public async Task A_live_refresh_counts_a_MaxAge_0_value_fresh_for_the_live_interval_while_other_views_still_fetch()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = new EngineHarness(EngineHarness.Source("s", deadlineSeconds: 1, maxAgeSeconds: 0));
        var first = h.Engine.ReadAsync("s", ct);
        await h.Sources["s"].CompleteNextAsync(7);
        await first;

        h.Time.Advance(TimeSpan.FromSeconds(3));
        var live = await h.Engine.ReadAsync("s", ct, keptFreshEvery: TimeSpan.FromSeconds(5));
        Assert.Equal(ReadingState.Fresh, live.State);
        Assert.Equal(7, live.Value!.Number);
        Assert.Equal(1, h.Sources["s"].Calls);

        // A first load still fetches, as MaxAge 0 says.
        var view = h.Engine.ReadAsync("s", ct);
        await h.Sources["s"].CompleteNextAsync(8);
        Assert.Equal(8, (await view).Value!.Number);
        Assert.Equal(2, h.Sources["s"].Calls);
    }

    [Fact]
    public async Task A_live_refresh_after_a_failed_refresh_shows_the_last_good_value_with_that_failure()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = new EngineHarness(EngineHarness.Source("f", deadlineSeconds: 5, maxAgeSeconds: 0));
        var ok = h.Engine.ReadAsync("f", ct);
        await h.Sources["f"].CompleteNextAsync(5);
        await ok;
        var failing = h.Engine.ReadAsync("f", ct);
        await h.Sources["f"].FailNextAsync("HTTP 503");
        await failing;

        h.Time.Advance(TimeSpan.FromSeconds(6));
        var live = await h.Engine.ReadAsync("f", ct, keptFreshEvery: TimeSpan.FromSeconds(5));

        Assert.Equal(ReadingState.Stale, live.State);
        Assert.Equal(5, live.Value!.Number);
        Assert.Equal("HTTP 503", live.Reason);
        Assert.Equal(2, h.Sources["f"].Calls);
    }

    [Fact]
    public async Task Failure_falls_back_to_last_good_value_with_the_reason()
    {
        await using var h = new EngineHarness(EngineHarness.Source("f", deadlineSeconds: 5, maxAgeSeconds: 0));
        var ok = h.Engine.ReadAsync("f", TestContext.Current.CancellationToken);
        await h.Sources["f"].CompleteNextAsync(5);
        await ok;

        var failing = h.Engine.ReadAsync("f", TestContext.Current.CancellationToken);
        await h.Sources["f"].FailNextAsync("HTTP 503");
        var reading = await failing;

        Assert.Equal(ReadingState.Stale, reading.State);
        Assert.Equal(5, reading.Value!.Number);
        Assert.Equal("HTTP 503", reading.Reason);
    }

    [Fact]
    public async Task Failure_without_any_last_good_value_is_unavailable_with_the_reason()
    {
        await using var h = new EngineHarness(EngineHarness.Source("f", deadlineSeconds: 5));
        var view = h.Engine.ReadAsync("f", TestContext.Current.CancellationToken);
        await h.Sources["f"].FailNextAsync("invalid JSON: unexpected character");
        var reading = await view;

        Assert.Equal(ReadingState.Unavailable, reading.State);
        Assert.Null(reading.Value);
        Assert.Equal("invalid JSON: unexpected character", reading.Reason);
    }

    [Fact]
    public async Task A_viewer_leaving_cancels_its_wait_but_not_the_shared_fetch()
    {
        await using var h = new EngineHarness(EngineHarness.Source("c", deadlineSeconds: 5));
        using var leaving = new CancellationTokenSource();
        var leaver = h.Engine.ReadAsync("c", leaving.Token);
        var stayer = h.Engine.ReadAsync("c", TestContext.Current.CancellationToken);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaver);

        await h.Sources["c"].CompleteNextAsync(9);
        Assert.Equal(9, (await stayer).Value!.Number);
        Assert.Equal(1, h.Sources["c"].Calls);
    }

    [Fact]
    public async Task Unknown_source_is_unavailable()
    {
        await using var h = new EngineHarness(EngineHarness.Source("a"));
        var reading = await h.Engine.ReadAsync("nope", TestContext.Current.CancellationToken);
        Assert.Equal(ReadingState.Unavailable, reading.State);
        Assert.Contains("unknown source", reading.Reason);
    }

    [Fact]
    public async Task Successful_scalars_are_persisted_and_build_the_history()
    {
        await using var h = new EngineHarness(EngineHarness.Source("h", deadlineSeconds: 5, maxAgeSeconds: 0));
        foreach (var value in new[] { 1.0, 2.0, 3.0 })
        {
            var view = h.Engine.ReadAsync("h", TestContext.Current.CancellationToken);
            await h.Sources["h"].CompleteNextAsync(value);
            await view;
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var last = h.Engine.ReadAsync("h", TestContext.Current.CancellationToken);
        await h.Sources["h"].CompleteNextAsync(4);
        var reading = await last;
        await h.Queue.FlushAsync(CancellationToken.None);

        Assert.Equal([1.0, 2.0, 3.0, 4.0], reading.History.Select(p => p.Value));
        var stored = await h.Store.GetLastGoodAsync("h", TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Contains("4", stored.ValueJson);
        Assert.Equal(4, (await h.Store.GetHistoryAsync("h", 10, TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task After_a_restart_the_stored_last_good_value_is_the_fallback()
    {
        var store = new InMemoryDashboardStore();
        var source = EngineHarness.Source("r", deadlineSeconds: 1, maxAgeSeconds: 10);
        await using (var before = new EngineHarness(store, source))
        {
            var view = before.Engine.ReadAsync("r", TestContext.Current.CancellationToken);
            await before.Sources["r"].CompleteNextAsync(77);
            await view;
            await before.Queue.FlushAsync(CancellationToken.None);
        }

        await using var after = new EngineHarness(store, EngineHarness.Source("r", deadlineSeconds: 1, maxAgeSeconds: 10));
        after.Time.Advance(TimeSpan.FromMinutes(5));
        var restarted = after.Engine.ReadAsync("r", TestContext.Current.CancellationToken);
        // The upstream call starts only after the stored value was read and adopted.
        await after.Sources["r"].WaitForCallsAsync(1);
        after.Time.Advance(TimeSpan.FromSeconds(1));
        var reading = await restarted;

        Assert.Equal(ReadingState.Stale, reading.State);
        Assert.Equal(77, reading.Value!.Number);
    }

    [Fact]
    public async Task A_value_stored_by_another_instance_is_used_without_an_upstream_call()
    {
        var store = new InMemoryDashboardStore();
        await using var first = new EngineHarness(store, EngineHarness.Source("m", deadlineSeconds: 1, maxAgeSeconds: 60));
        await using var second = new EngineHarness(store, EngineHarness.Source("m", deadlineSeconds: 1, maxAgeSeconds: 60));
        var view = first.Engine.ReadAsync("m", TestContext.Current.CancellationToken);
        await first.Sources["m"].CompleteNextAsync(5);
        await view;
        await first.Queue.FlushAsync(CancellationToken.None);

        var reading = await second.Engine.ReadAsync("m", TestContext.Current.CancellationToken);

        Assert.Equal(ReadingState.Fresh, reading.State);
        Assert.Equal(5, reading.Value!.Number);
        Assert.Equal(0, second.Sources["m"].Calls);
    }

    [Fact]
    public async Task Changing_a_source_clears_its_cache_and_leaves_others_alone()
    {
        await using var h = new EngineHarness(EngineHarness.Source("a", deadlineSeconds: 5, maxAgeSeconds: 60), EngineHarness.Source("b", deadlineSeconds: 5, maxAgeSeconds: 60));
        var a = h.Engine.ReadAsync("a", TestContext.Current.CancellationToken);
        var b = h.Engine.ReadAsync("b", TestContext.Current.CancellationToken);
        await h.Sources["a"].CompleteNextAsync(1);
        await h.Sources["b"].CompleteNextAsync(2);
        await Task.WhenAll(a, b);

        var changed = EngineHarness.Source("a", deadlineSeconds: 5, maxAgeSeconds: 60);
        changed.Http!.Path = "other.path";
        h.Config.Set(EngineHarness.Options(changed, EngineHarness.Source("b", deadlineSeconds: 5, maxAgeSeconds: 60)));

        var again = h.Engine.ReadAsync("a", TestContext.Current.CancellationToken);
        await h.Sources["a"].CompleteNextAsync(10);
        Assert.Equal(10, (await again).Value!.Number);
        Assert.Equal(2, (await h.Engine.ReadAsync("b", TestContext.Current.CancellationToken)).Value!.Number);
        Assert.Equal(2, h.Sources["a"].Calls);
        Assert.Equal(1, h.Sources["b"].Calls);
    }
}
