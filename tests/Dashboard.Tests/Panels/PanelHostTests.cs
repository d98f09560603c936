using Bunit;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.Sources.Engine;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Panels;

/// <summary>Every state a panel can be in: loading, fresh, stale, unavailable — and a reading that throws.</summary>
public sealed class PanelHostTests : PanelTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void Loading_shows_a_busy_skeleton_of_the_panel_size_and_no_value()
    {
        var pending = new TaskCompletionSource<SourceReading>();
        var panel = Stat();
        panel.Width = 2;
        panel.Height = 3;

        var cut = RenderHost(panel, pending.Task);

        var section = cut.Find("section.panel");
        Assert.Equal("loading", section.GetAttribute("data-state"));
        Assert.Equal("true", section.GetAttribute("aria-busy"));
        Assert.Equal("p1", section.GetAttribute("data-panel-id"));
        Assert.Contains("state-loading", section.ClassList);
        // Sizes are classes (the CSP forbids inline styles); the skeleton takes the panel's final size.
        Assert.Contains("w-2", section.ClassList);
        Assert.Contains("h-3", section.ClassList);
        Assert.Null(section.GetAttribute("style"));
        Assert.Equal("panel-p1-title", section.GetAttribute("aria-labelledby"));
        Assert.Equal("Requests", cut.Find("h2#panel-p1-title").TextContent);
        // The bars are the stylesheet's (::before/::after); what a screen reader gets is the text and the busy state.
        var skeleton = cut.Find(".panel-body.skeleton");
        Assert.Equal("Loading…", skeleton.TextContent);
        Assert.Equal("Loading…", skeleton.QuerySelector(".visually-hidden")!.TextContent);
        Assert.Empty(cut.FindAll(".stat"));
        Assert.Empty(cut.FindAll(".state-line"));
    }

    [Fact]
    public void Loading_panel_is_replaced_by_its_value_once_the_reading_completes()
    {
        var pending = new TaskCompletionSource<SourceReading>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cut = RenderHost(Stat(), pending.Task);
        Assert.Equal("loading", cut.Find("section").GetAttribute("data-state"));

        pending.SetResult(FreshReading(SourceValue.OfNumber(1234.5), TimeSpan.FromSeconds(5)));

        cut.WaitForAssertion(() => Assert.Equal("fresh", cut.Find("section").GetAttribute("data-state")), Wait);
        Assert.Equal("false", cut.Find("section").GetAttribute("aria-busy"));
        Assert.Equal("1,234.5", cut.Find(".stat-value .number").TextContent);
        Assert.Empty(cut.FindAll(".skeleton"));
    }

    [Fact]
    public void Fresh_shows_the_value_and_how_long_ago_it_was_updated()
    {
        var reading = FreshReading(SourceValue.OfNumber(42), TimeSpan.FromSeconds(42));

        var cut = RenderHost(Stat(), Task.FromResult(reading));

        var section = cut.Find("section");
        Assert.Equal("fresh", section.GetAttribute("data-state"));
        Assert.Equal("false", section.GetAttribute("aria-busy"));
        Assert.Contains("state-fresh", section.ClassList);
        Assert.Equal("42", cut.Find(".stat-value .number").TextContent);
        var line = cut.Find("p.state-line.fresh");
        Assert.Contains("Updated 42 s ago", Normalize(line.TextContent));
        Assert.Equal("2026-01-01T11:59:18Z", line.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Empty(cut.FindAll(".reason"));
    }

    [Theory]
    [InlineData(1, "just now")]
    [InlineData(59, "59 s ago")]
    [InlineData(3 * 60 + 5, "3 min ago")]
    [InlineData(5 * 3600, "5 h ago")]
    [InlineData(2 * 86400 + 60, "2 d ago")]
    public void Age_is_described_relative_to_the_injected_clock(int seconds, string expected)
    {
        var cut = RenderHost(Stat(), Task.FromResult(FreshReading(SourceValue.OfNumber(1), TimeSpan.FromSeconds(seconds))));

        Assert.Equal(expected, cut.Find("p.state-line time").TextContent);
    }

    [Fact]
    public void Stale_shows_the_last_value_with_its_age_and_the_reason()
    {
        var reading = StaleReading(SourceValue.OfNumber(99), TimeSpan.FromMinutes(3), "timeout: no answer within 1 s", "timeout");

        var cut = RenderHost(Stat(), Task.FromResult(reading));

        var section = cut.Find("section");
        Assert.Equal("stale", section.GetAttribute("data-state"));
        Assert.Contains("state-stale", section.ClassList);
        Assert.Equal("99", cut.Find(".stat-value .number").TextContent);
        var line = cut.Find("p.state-line.stale");
        Assert.Equal("status", line.GetAttribute("role"));
        Assert.Equal("Stale", line.QuerySelector("strong")!.TextContent);
        Assert.Equal("3 min ago", line.QuerySelector("time")!.TextContent);
        Assert.Equal("timeout", line.QuerySelector(".reason")!.TextContent);
        Assert.Contains("from 3 min ago", Normalize(line.TextContent));
    }

    [Fact]
    public void Unavailable_shows_the_reason_and_no_value()
    {
        var cut = RenderHost(Stat(), Task.FromResult(SourceReading.Unavailable("src", "HTTP 503 Service Unavailable", "HTTP 503")));

        var section = cut.Find("section");
        Assert.Equal("unavailable", section.GetAttribute("data-state"));
        Assert.Equal("false", section.GetAttribute("aria-busy"));
        Assert.Empty(cut.FindAll(".stat"));
        Assert.Empty(cut.FindAll("time"));
        var line = cut.Find("p.state-line.unavailable");
        Assert.Equal("Unavailable", line.QuerySelector("strong")!.TextContent);
        Assert.Equal("HTTP 503", line.QuerySelector(".reason")!.TextContent);
    }

    [Fact]
    public void A_reading_that_throws_renders_unavailable_internal_error_and_logs_without_leaking_the_message()
    {
        var failing = Task.FromException<SourceReading>(new InvalidOperationException("connection string Password=hunter2"));

        var cut = RenderHost(Stat(), failing);

        Assert.Equal("unavailable", cut.Find("section").GetAttribute("data-state"));
        Assert.Equal("internal error", cut.Find(".reason").TextContent);
        Assert.DoesNotContain("hunter2", cut.Markup);
        var logged = Assert.Single(Logs.Collector.GetSnapshot(), e => e.Level == LogLevel.Error);
        Assert.Contains("p1", logged.Message);
        Assert.Contains("hunter2", logged.Exception?.Message);
    }

    [Fact]
    public void A_reading_that_fails_after_the_first_render_still_renders_unavailable()
    {
        var pending = new TaskCompletionSource<SourceReading>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cut = RenderHost(Stat(), pending.Task);

        pending.SetException(new NullReferenceException());

        cut.WaitForAssertion(() => Assert.Equal("unavailable", cut.Find("section").GetAttribute("data-state")), Wait);
        Assert.Equal("internal error", cut.Find(".reason").TextContent);
    }

    [Fact]
    public void A_cancelled_reading_renders_request_cancelled()
    {
        var cut = RenderHost(Stat(), Task.FromCanceled<SourceReading>(new CancellationToken(canceled: true)));

        Assert.Equal("unavailable", cut.Find("section").GetAttribute("data-state"));
        Assert.Equal("request cancelled", cut.Find(".reason").TextContent);
    }

    [Fact]
    public void Status_panel_without_any_value_still_says_down()
    {
        var panel = new PanelOptions { Id = "api", Title = "API", Source = "src", Type = PanelTypes.Status };

        var cut = RenderHost(panel, Task.FromResult(SourceReading.Unavailable("src", "circuit open after repeated failures", "circuit open")));

        Assert.Equal("Down", cut.Find(".status.down .status-value").TextContent);
        Assert.Equal("circuit open", cut.Find(".reason").TextContent);
    }

    [Theory]
    [InlineData(PanelTypes.Table, "table")]
    [InlineData(PanelTypes.List, "ul.list")]
    public void Host_picks_the_panel_component_by_type(string type, string selector)
    {
        var panel = new PanelOptions { Id = "t", Title = "T", Source = "src", Type = type };
        var table = SourceValue.OfTable(new TableData(["name", "n"], [["a", "1"]], false));

        var cut = RenderHost(panel, Task.FromResult(FreshReading(table, TimeSpan.FromSeconds(3))));

        Assert.Single(cut.FindAll(selector));
        Assert.Empty(cut.FindAll(".stat"));
    }

    internal static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
