using Dashboard.Dashboards;
using Dashboard.Live;
using Dashboard.Metrics;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.Tests.Http;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Live;

/// <summary>Versions and watchers (<see cref="LiveUpdates"/>) and the background refresh while someone watches
/// (<see cref="LiveRefresher"/>'s interest, acted on by the engine's refresh-ahead), on a real engine with a manual clock and controlled sources.</summary>
public sealed class LiveUpdatesTests
{
    /// <summary>Dashboard "main" shows source a, dashboard "other" source b.</summary>
    private static EngineHarness Harness(double maxAgeSeconds = 10)
    {
        var a = EngineHarness.Source("a", maxAgeSeconds: maxAgeSeconds);
        var b = EngineHarness.Source("b", maxAgeSeconds: maxAgeSeconds);
        var harness = new EngineHarness(a, b);
        var options = EngineHarness.Options(a, b);
        options.Dashboards[0].Panels.RemoveAll(p => p.Source == "b");
        options.Dashboards.Add(new DashboardDefinition
        {
            Slug = "other",
            Title = "Other",
            Panels = [new PanelOptions { Id = "b", Title = "b", Source = "b", Type = PanelTypes.Stat }],
        });
        harness.Config.Set(options);
        harness.Sources["a"].Respond = call => new SourceFetchResult(SourceValue.OfNumber(call));
        harness.Sources["b"].Respond = call => new SourceFetchResult(SourceValue.OfNumber(call));
        return harness;
    }

    private static LiveUpdates Live(EngineHarness harness, int maxConnections = 100) =>
        new(harness.Engine, harness.Config, Options.Create(new LiveOptions { MaxConnections = maxConnections }), harness.Metrics);

    private static LiveRefresher Refresher(EngineHarness harness, LiveUpdates live, double minIntervalSeconds = 1) =>
        new(live, harness.Config, new Dashboard.TimeRanges.DashboardTimeRanges(harness.Time), harness.Time, Options.Create(new LiveOptions { MinInterval = TimeSpan.FromSeconds(minIntervalSeconds) }));

    private static DashboardDefinition Dashboard(EngineHarness harness, string slug) => harness.Config.Current.FindDashboard(slug)!;

    [Fact]
    public async Task A_refresh_offers_the_new_version_to_the_watchers_of_dashboards_showing_that_source_only()
    {
        await using var harness = Harness();
        using var live = Live(harness);
        using var main = live.TrySubscribe("main")!;
        using var other = live.TrySubscribe("other")!;
        var before = live.VersionOf(Dashboard(harness, "main"));

        await harness.Engine.ReadAsync("a", CancellationToken.None);

        Assert.True(main.Versions.TryRead(out var offered));
        Assert.True(offered > before);
        Assert.Equal(live.VersionOf(Dashboard(harness, "main")), offered);
        Assert.False(other.Versions.TryRead(out _));
    }

    [Fact]
    public async Task A_failed_refresh_is_offered_too_as_the_panel_now_shows_why()
    {
        await using var harness = Harness();
        harness.Sources["b"].Respond = _ => throw new SourceFailureException("HTTP 503", transient: false);
        using var live = Live(harness);
        using var other = live.TrySubscribe("other")!;

        var reading = await harness.Engine.ReadAsync("b", CancellationToken.None);

        Assert.Contains("HTTP 503", reading.Reason, StringComparison.Ordinal);
        Assert.True(other.Versions.TryRead(out var offered));
        Assert.Equal(live.VersionOf(Dashboard(harness, "other")), offered);
    }

    [Fact]
    public async Task The_same_failure_again_is_not_offered_so_viewers_refreshing_on_it_cannot_loop()
    {
        await using var harness = Harness(maxAgeSeconds: 0);
        harness.Sources["b"].Respond = _ => throw new SourceFailureException("HTTP 503", transient: false);
        using var live = Live(harness);
        using var other = live.TrySubscribe("other")!;

        var first = await harness.Engine.ReadAsync("b", CancellationToken.None);
        Assert.True(other.Versions.TryRead(out _));
        harness.Time.Advance(first.NextRetryAt!.Value - harness.Time.GetUtcNow());
        var second = await harness.Engine.ReadAsync("b", CancellationToken.None);
        Assert.False(other.Versions.TryRead(out _));

        harness.Sources["b"].Respond = _ => throw new SourceFailureException("HTTP 500", transient: false);
        harness.Time.Advance(second.NextRetryAt!.Value - harness.Time.GetUtcNow());
        await harness.Engine.ReadAsync("b", CancellationToken.None);
        Assert.True(other.Versions.TryRead(out _));
        Assert.Equal(3, harness.Sources["b"].Calls);
    }

    [Fact]
    public async Task A_configuration_change_offers_every_watcher_a_version_newer_than_any_before()
    {
        await using var harness = Harness();
        using var live = Live(harness);
        await harness.Engine.ReadAsync("a", CancellationToken.None);
        var sourceVersion = live.VersionOf(Dashboard(harness, "main"));
        using var main = live.TrySubscribe("main")!;
        using var other = live.TrySubscribe("other")!;

        harness.Config.Set(harness.Config.Current.Options);

        Assert.True(main.Versions.TryRead(out var forMain));
        Assert.True(other.Versions.TryRead(out var forOther));
        Assert.True(forMain > sourceVersion);
        Assert.Equal(forMain, forOther);
        Assert.Equal(forMain, live.VersionOf(Dashboard(harness, "other")));
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_refused_and_a_closed_one_frees_its_place()
    {
        await using var harness = Harness();
        using var live = Live(harness, maxConnections: 2);
        var first = live.TrySubscribe("main")!;
        using var second = live.TrySubscribe("main")!;

        Assert.Null(live.TrySubscribe("other"));
        Assert.Equal(2, live.Connections);

        first.Dispose();
        first.Dispose();
        Assert.Equal(1, live.Connections);
        using var third = live.TrySubscribe("other");
        Assert.NotNull(third);
    }

    [Fact]
    public async Task Watched_sources_refresh_ahead_of_MaxAge_however_many_watch_and_unwatched_ones_never()
    {
        await using var harness = Harness(maxAgeSeconds: 10);
        using var live = Live(harness);
        var refresher = Refresher(harness, live);
        var watchers = Enumerable.Range(0, 50).Select(_ => live.TrySubscribe("main")!).ToList();
        var a = harness.Sources["a"];

        // Each pass awaits the refreshes it started: a clock moved on while one still finishes would test the scheduler.
        Assert.Equal(1, await PassAsync(harness, refresher));
        Assert.Equal(0, await PassAsync(harness, refresher));
        Assert.Equal(1, a.Calls);

        // Refreshed ahead of expiry (75 to 85 % of MaxAge), once.
        harness.Time.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(0, await PassAsync(harness, refresher));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await PassAsync(harness, refresher));
        Assert.Equal(0, await PassAsync(harness, refresher));
        Assert.Equal(2, a.Calls);
        Assert.Equal(0, harness.Sources["b"].Calls);

        // Nobody watching: nothing is called, however stale.
        watchers.ForEach(w => w.Dispose());
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await PassAsync(harness, refresher));
        Assert.Equal(2, a.Calls);
    }

    [Fact]
    public async Task A_source_that_always_fetches_is_refreshed_at_most_once_per_MinInterval()
    {
        await using var harness = Harness(maxAgeSeconds: 0);
        using var live = Live(harness);
        var refresher = Refresher(harness, live, minIntervalSeconds: 5);
        using var watcher = live.TrySubscribe("main")!;
        var a = harness.Sources["a"];

        Assert.Equal(1, await PassAsync(harness, refresher));
        harness.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await PassAsync(harness, refresher));
        Assert.Equal(1, a.Calls);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await PassAsync(harness, refresher));
        Assert.Equal(2, a.Calls);
    }

    /// <summary>One refresh-ahead pass with the live viewers' interest; returns how many refreshes it started, once they ended.</summary>
    private static async Task<int> PassAsync(EngineHarness harness, LiveRefresher refresher)
    {
        var started = harness.Engine.RefreshAhead(refresher.Current());
        await Task.WhenAll(started).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return started.Count;
    }
}
