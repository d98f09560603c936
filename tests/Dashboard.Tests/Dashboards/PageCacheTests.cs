using System.Net;
using Dashboard.Tests.Admin;
using Dashboard.Tests.Http;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Dashboards;

/// <summary>The real app (TestServer) with a fake upstream: a dashboard page is reused (output caching, seen as an
/// <c>Age</c> header) only when every panel was fresh, never for signed-in viewers, and never across a configuration
/// change.</summary>
public sealed class PageCacheTests : IAsyncLifetime
{
    private FakeUpstream upstream = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("a", 11);
        upstream.SetValue("b", 22);
    }

    public async ValueTask DisposeAsync() => await upstream.DisposeAsync();

    // A long reuse window and max age, so wall-clock time between requests never decides these tests.
    private string Config(string maxAgeB = "00:05:00", string pageCache = "00:01:00") => $$"""
        "PageCache": { "Duration": "{{pageCache}}" },
        "Sources": {
          "a": { "Kind": "http", "Http": { "Url": "{{upstream.Url("a")}}", "Path": "value" }, "RenderDeadline": "00:00:05", "MaxAge": "00:05:00" },
          "b": { "Kind": "http", "Http": { "Url": "{{upstream.Url("b")}}", "Path": "value" }, "RenderDeadline": "00:00:05", "MaxAge": "{{maxAgeB}}" }
        },
        "Dashboards": [ { "Slug": "main", "Title": "Main board", "Panels": [
          { "Id": "a", "Type": "stat", "Title": "A", "Source": "a", "Format": "0" },
          { "Id": "b", "Type": "stat", "Title": "B", "Source": "b", "Format": "0" } ] } ]
        """;

    [Fact]
    public async Task A_page_whose_panels_were_all_fresh_is_reused_and_one_that_streamed_is_not()
    {
        await using var app = new DashboardAppFactory("{ " + LoopbackScrape.MetricsJson + Config() + " }", LoopbackScrape.FromLoopback);
        using var client = app.CreateClient();

        // First view: the values are fetched while the page streams, so it is not stored.
        using var first = await client.GetAsync("/d/main", TestContext.Current.CancellationToken);
        Assert.Null(first.Headers.Age);
        Assert.Equal("fresh", PanelMarkup.FinalState(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "b"));

        // Second view: both values fresh from the start, rendered in one pass and stored; the third is the stored one.
        using var second = await client.GetAsync("/d/main", TestContext.Current.CancellationToken);
        var rendered = await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Null(second.Headers.Age);
        using var third = await client.GetAsync("/d/main", TestContext.Current.CancellationToken);
        Assert.NotNull(third.Headers.Age);
        Assert.Equal(rendered, await third.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains(">22<", rendered, StringComparison.Ordinal);
        Assert.Equal(1, upstream.Calls("b"));

        var metrics = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains("dashboard_page_cache_total{result=\"served\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("dashboard_page_cache_total{result=\"stored\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("dashboard_page_cache_total{result=\"rendered\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_with_a_panel_that_is_not_fresh_is_never_reused()
    {
        // Max age 0: every view of b wants a new value, so no view starts with every panel fresh.
        await using var app = new DashboardAppFactory("{ " + Config(maxAgeB: "00:00:00") + " }");
        using var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/d/main", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Headers.Age);
        }

        Assert.Equal(3, upstream.Calls("b"));
    }

    [Fact]
    public async Task Reuse_can_be_turned_off()
    {
        await using var app = new DashboardAppFactory("{ " + Config(pageCache: "00:00:00") + " }");
        using var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/d/main", TestContext.Current.CancellationToken);
            Assert.Null(response.Headers.Age);
        }
    }

    [Fact]
    public async Task Signed_in_viewers_get_a_fresh_rendering_and_a_configuration_change_shows_on_the_next_anonymous_view()
    {
        await using var session = await AdminSession.StartAsync(Config());
        await session.SignInAsync();
        using var anonymous = session.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
        {
            using var viewed = await anonymous.GetAsync("/d/main", TestContext.Current.CancellationToken);
            viewed.EnsureSuccessStatusCode();
        }

        using (var signedIn = await session.Client.GetAsync("/d/main", TestContext.Current.CancellationToken))
        {
            Assert.Null(signedIn.Headers.Age);
        }

        using (var stored = await anonymous.GetAsync("/d/main", TestContext.Current.CancellationToken))
        {
            Assert.NotNull(stored.Headers.Age);
        }

        var fields = AdminSession.FormFields(await session.GetPageAsync("/admin/dashboards/main/panels/a/edit"), "edit-panel");
        fields.RemoveAll(f => f.Key == "Panel.Title");
        fields.Add(new("Panel.Title", "Renamed panel"));
        using var saved = await session.PostFormAsync("/admin/dashboards/main/panels/a/edit", "edit-panel", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var after = await anonymous.GetAsync("/d/main", TestContext.Current.CancellationToken);
        Assert.Null(after.Headers.Age);
        Assert.Contains("Renamed panel", await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reuse_window_outside_its_range_stops_start_up()
    {
        using var app = new DashboardAppFactory("{ " + Config(pageCache: "00:05:00") + " }");

        var thrown = Record.Exception(() => app.CreateClient());

        Assert.Contains("Dashboard:PageCache:Duration: must be between 00:00:00 (off) and 00:01:00", thrown?.ToString(), StringComparison.Ordinal);
    }
}
