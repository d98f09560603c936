using Bunit;
using Dashboard.Configuration;
using Dashboard.Dashboards;
using Dashboard.Live;
using Dashboard.Metrics;
using Dashboard.Panels;
using Dashboard.Sources.Engine;
using Dashboard.Tests.Http;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Dashboards;

/// <summary>The page with a real <see cref="SourceEngine"/> (manual clock, controlled sources): the shell with
/// every panel loading is rendered before any source answers, all sources start at once, and each panel
/// fills in on its own.</summary>
public sealed class DashboardPageTests : BunitContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly EngineHarness harness = new(
        EngineHarness.Source("visitors", deadlineSeconds: 5),
        EngineHarness.Source("revenue", deadlineSeconds: 5),
        EngineHarness.Source("latency", deadlineSeconds: 5));

    public DashboardPageTests()
    {
        Services.AddSingleton<IDashboardConfigProvider>(harness.Config);
        Services.AddSingleton(harness.Engine);
        Services.AddSingleton<TimeProvider>(harness.Time);
        Services.AddSingleton(new Dashboard.TimeRanges.DashboardTimeRanges(harness.Time));
        Services.AddSingleton(new Dashboard.History.ValueHistory((Dashboard.History.IHistoryStore)harness.Store, harness.Time, Microsoft.Extensions.Options.Options.Create(new Dashboard.Storage.StorageOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<Dashboard.History.ValueHistory>.Instance));
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new LiveOptions()));
        Services.AddSingleton(new LiveUpdates(harness.Engine, harness.Config, Microsoft.Extensions.Options.Options.Create(new LiveOptions()), harness.Metrics));
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        Services.AddOptions();
    }

    // xunit disposes an IAsyncDisposable test class asynchronously: components first, then the engine under them.
    protected override async ValueTask DisposeAsyncCore()
    {
        await DisposeComponentsAsync();
        await harness.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private ControlledSource Source(string name) => harness.Sources[name];

    private static string StateOf(IRenderedComponent<DashboardPage> cut, string panelId) =>
        cut.Find($"section[data-panel-id='{panelId}']").GetAttribute("data-state")!;

    [Fact]
    public async Task Shell_renders_every_panel_loading_before_any_source_answers_and_all_sources_start_at_once()
    {
        var cut = Render<DashboardPage>(p => p.Add(x => x.Slug, "main"));

        Assert.Equal("Main", cut.Find("h1").TextContent);
        var panels = cut.FindAll("section.panel");
        Assert.Equal(["visitors", "revenue", "latency"], panels.Select(p => p.GetAttribute("data-panel-id")));
        Assert.All(panels, p =>
        {
            Assert.Equal("loading", p.GetAttribute("data-state"));
            Assert.Equal("true", p.GetAttribute("aria-busy"));
            Assert.NotNull(p.QuerySelector(".skeleton"));
        });

        // Nothing has answered, yet every source gets asked: they were all started at once, not one after
        // another (the engine calls upstream from a background task, hence the bounded wait).
        await Eventually.TrueAsync(
            () => Source("visitors").Calls == 1 && Source("revenue").Calls == 1 && Source("latency").Calls == 1,
            "every source was called once");
        Assert.Equal(3, cut.FindAll("section[data-state='loading']").Count);
    }

    [Fact]
    public async Task Completing_one_source_updates_only_its_panel()
    {
        var cut = Render<DashboardPage>(p => p.Add(x => x.Slug, "main"));

        await Source("revenue").CompleteNextAsync(1234);

        cut.WaitForAssertion(() => Assert.Equal("fresh", StateOf(cut, "revenue")), Wait);
        var revenue = cut.Find("section[data-panel-id='revenue']");
        Assert.Equal("1,234", revenue.QuerySelector(".stat-value .number")!.TextContent);
        Assert.Equal("false", revenue.GetAttribute("aria-busy"));
        Assert.Equal("loading", StateOf(cut, "visitors"));
        Assert.Equal("loading", StateOf(cut, "latency"));

        await Source("visitors").FailNextAsync("HTTP 503");

        cut.WaitForAssertion(() => Assert.Equal("unavailable", StateOf(cut, "visitors")), Wait);
        Assert.Equal("HTTP 503", cut.Find("section[data-panel-id='visitors'] .reason").TextContent);
        Assert.Equal("fresh", StateOf(cut, "revenue"));
        Assert.Equal("loading", StateOf(cut, "latency"));
    }

    [Fact]
    public async Task A_source_past_its_render_deadline_shows_its_fallback_while_others_keep_loading()
    {
        harness.Config.Set(Options(
            ("fast", "fast", 1), ("slow", "slow", 5)));
        var cut = Render<DashboardPage>(p => p.Add(x => x.Slug, "main"));
        Assert.Equal("loading", StateOf(cut, "fast"));

        harness.Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("unavailable", StateOf(cut, "fast")), Wait);
        Assert.Equal("slow", cut.Find("section[data-panel-id='fast'] .reason").TextContent);
        Assert.Equal("loading", StateOf(cut, "slow"));

        await Source("slow").CompleteNextAsync(5);
        cut.WaitForAssertion(() => Assert.Equal("fresh", StateOf(cut, "slow")), Wait);
    }

    [Fact]
    public async Task Panels_sharing_a_source_share_one_reading()
    {
        harness.Config.Set(Options(("a", "visitors", 5), ("b", "visitors", 5)));
        var cut = Render<DashboardPage>(p => p.Add(x => x.Slug, "main"));
        Assert.Equal(2, cut.FindAll("section[data-state='loading']").Count);

        await Source("visitors").CompleteNextAsync(7);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("section[data-state='fresh']").Count), Wait);
        Assert.Equal(1, Source("visitors").Calls);
    }

    [Fact]
    public void Default_dashboard_is_shown_without_a_slug()
    {
        var cut = Render<DashboardPage>();

        Assert.Equal("Main", cut.Find("h1").TextContent);
        Assert.Equal(3, cut.FindAll("section[data-state='loading']").Count);
    }

    [Fact]
    public void Unknown_slug_renders_nothing_starts_no_source_and_sets_404()
    {
        var http = new DefaultHttpContext();

        var cut = Render<DashboardPage>(p => p.Add(x => x.Slug, "nope").AddCascadingValue<HttpContext>(http));

        Assert.Empty(cut.FindAll("section"));
        Assert.Empty(cut.FindAll("h1"));
        Assert.Equal(string.Empty, cut.Markup.Trim());
        Assert.Equal(StatusCodes.Status404NotFound, http.Response.StatusCode);
        Assert.Equal(0, Source("visitors").Calls);
        Assert.Equal(0, Source("revenue").Calls);
        Assert.Equal(0, Source("latency").Calls);
    }

    [Fact]
    public async Task Viewer_leaving_stops_the_wait_but_not_the_shared_fetch()
    {
        using var aborted = new CancellationTokenSource();
        var http = new DefaultHttpContext { RequestAborted = aborted.Token };
        var cut = Render<DashboardPage>(p => p.Add(x => x.Slug, "main").AddCascadingValue<HttpContext>(http));

        await aborted.CancelAsync();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("section[data-state='unavailable']").Count), Wait);
        Assert.All(cut.FindAll(".reason"), r => Assert.Equal("request cancelled", r.TextContent));

        // The fetch the viewer started goes on and fills the cache: the next viewer gets it with no new call.
        await Source("revenue").CompleteNextAsync(99);
        var next = await WaitForFreshAsync("revenue");
        Assert.Equal(99, next.Value!.Number);
        Assert.Equal(1, Source("revenue").Calls);
    }

    private async Task<SourceReading> WaitForFreshAsync(string source)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var reading = await harness.Engine.ReadAsync(source, timeout.Token);
            if (reading.State == ReadingState.Fresh)
            {
                return reading;
            }

            await Task.Delay(10, timeout.Token);
        }
    }

    private static DashboardOptions Options(params (string Panel, string Source, double DeadlineSeconds)[] panels)
    {
        var sources = panels
            .DistinctBy(p => p.Source)
            .Select(p => EngineHarness.Source(p.Source, deadlineSeconds: p.DeadlineSeconds))
            .ToArray();
        var options = EngineHarness.Options(sources);
        options.Dashboards[0].Panels = panels
            .Select(p => new PanelOptions { Id = p.Panel, Title = p.Panel, Source = p.Source, Type = PanelTypes.Stat })
            .ToList();
        return options;
    }
}
