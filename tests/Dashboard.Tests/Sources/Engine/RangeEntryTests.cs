using Dashboard.Sources;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Engine;

/// <summary>Each (source, time range) is its own cache entry with its own single flight; a source that ignores the range
/// keeps one entry whatever the range.</summary>
public sealed class RangeEntryTests
{
    private static SourceOptions Ranged()
    {
        var source = EngineHarness.Source("r", deadlineSeconds: 5, maxAgeSeconds: 60);
        source.Http!.Url = "http://127.0.0.1:1/series?from={from:ms}&to={to:ms}";
        return source;
    }

    private static readonly Dashboard.TimeRanges.TimeWindow SixHours = TestWindows.Relative("now-6h..now", TestWindows.To, TimeSpan.FromHours(6));

    [Fact]
    public async Task A_hundred_concurrent_views_of_one_range_make_one_fetch_with_that_window()
    {
        await using var h = new EngineHarness(Ranged());
        var views = Enumerable.Range(0, 100).Select(_ => h.Engine.ReadAsync("r", TestContext.Current.CancellationToken, window: TestWindows.Hour)).ToArray();

        await h.Sources["r"].CompleteNextAsync(5);

        Assert.All(await Task.WhenAll(views), r => Assert.Equal(5, r.Value!.Number));
        Assert.Equal(1, h.Sources["r"].Calls);
        Assert.Equal(TestWindows.Hour, Assert.Single(h.Sources["r"].Requests).Window);
    }

    [Fact]
    public async Task Two_ranges_make_two_fetches_each_shared_by_its_own_viewers()
    {
        await using var h = new EngineHarness(Ranged());
        var hour = Enumerable.Range(0, 50).Select(_ => h.Engine.ReadAsync("r", TestContext.Current.CancellationToken, window: TestWindows.Hour)).ToArray();
        var six = Enumerable.Range(0, 50).Select(_ => h.Engine.ReadAsync("r", TestContext.Current.CancellationToken, window: SixHours)).ToArray();
        await h.Sources["r"].WaitForCallsAsync(2);

        var keys = h.Sources["r"].Requests.Select(r => r.Window.Key).ToHashSet();
        await h.Sources["r"].CompleteNextAsync(1);
        await h.Sources["r"].CompleteNextAsync(2);
        var values = (await Task.WhenAll(hour.Concat(six))).Select(r => r.Value!.Number).ToArray();

        Assert.Equal(2, h.Sources["r"].Calls);
        Assert.Equal(new HashSet<string> { "test-hour", "now-6h..now" }, keys);
        Assert.Single(values[..50].Distinct());
        Assert.Single(values[50..].Distinct());
        Assert.NotEqual(values[0], values[50]);

        // Cached per range: later views of either range call nothing.
        Assert.Equal(values[0], (await h.Engine.ReadAsync("r", TestContext.Current.CancellationToken, window: TestWindows.Hour)).Value!.Number);
        Assert.Equal(values[50], (await h.Engine.ReadAsync("r", TestContext.Current.CancellationToken, window: SixHours)).Value!.Number);
        Assert.Equal(2, h.Sources["r"].Calls);
    }

    [Fact]
    public async Task A_source_that_ignores_the_range_makes_one_fetch_for_any_ranges()
    {
        await using var h = new EngineHarness(EngineHarness.Source("plain", deadlineSeconds: 5, maxAgeSeconds: 60));
        var views = new[] { TestWindows.Hour, SixHours, null }
            .SelectMany(w => Enumerable.Range(0, 30).Select(_ => h.Engine.ReadAsync("plain", TestContext.Current.CancellationToken, window: w)))
            .ToArray();

        await h.Sources["plain"].CompleteNextAsync(8);

        Assert.All(await Task.WhenAll(views), r => Assert.Equal(8, r.Value!.Number));
        Assert.Equal(1, h.Sources["plain"].Calls);
    }

    [Fact]
    public async Task A_range_source_read_without_a_window_gets_the_default_last_hour_and_history_stays_with_range_less_sources()
    {
        await using var h = new EngineHarness(Ranged());
        h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 5, 14, 0, 7, TimeSpan.Zero));
        var view = h.Engine.ReadAsync("r", TestContext.Current.CancellationToken);
        await h.Sources["r"].CompleteNextAsync(3);
        var reading = await view;
        await h.Queue.FlushAsync(TestContext.Current.CancellationToken);

        var window = Assert.Single(h.Sources["r"].Requests).Window;
        Assert.Equal("now-1h..now", window.Key);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 14, 0, 15, TimeSpan.Zero), window.To);
        Assert.Equal(TimeSpan.FromHours(1), window.To - window.From);
        Assert.Equal(TimeSpan.FromSeconds(15), window.Interval);
        Assert.Empty(reading.History);
        Assert.NotNull(await h.Store.GetLastGoodAsync("r#now-1h..now", TestContext.Current.CancellationToken));
        Assert.Null(await h.Store.GetLastGoodAsync("r", TestContext.Current.CancellationToken));
        Assert.Empty(await h.Store.GetHistoryAsync("r", 10, TestContext.Current.CancellationToken));
    }
}
