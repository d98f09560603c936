using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>Live dashboards in Chromium against the published app: a new upstream value reaches open pages in place
/// (a marker on <c>window</c> proves there was no reload), hidden tabs ask for nothing, and with JavaScript off the
/// page is still whole.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveBrowserTests(BrowserFixture browser)
{
    /// <summary>Dashboards "main" and "other", each one stat panel on source "v"; values live for maxAge.</summary>
    private static string Config(FakeUpstream upstream, string maxAge) => $$"""
        {
          "Sources": { "v": { "Kind": "http", "Http": { "Url": "{{upstream.Url("v")}}", "Path": "value" },
                              "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10", "MaxAge": "{{maxAge}}" } },
          "Dashboards": [
            { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "v", "Type": "stat", "Title": "V", "Source": "v", "Format": "0" } ] },
            { "Slug": "other", "Title": "Other", "Panels": [ { "Id": "w", "Type": "stat", "Title": "W", "Source": "v", "Format": "0" } ] } ],
          "Live": { "MinInterval": "00:00:01" }
        }
        """;

    private static ILocator Number(IPage page, string panel) => page.Locator($"section.panel[data-panel-id='{panel}'] .stat-value .number");

    /// <summary>Opens main, waits for the value, and marks the window: a reload would lose the mark.</summary>
    private static async Task OpenMarkedAsync(BrowserPage session, PublishedApp app, string value)
    {
        var page = session.Page;
        await page.GotoAsync(new Uri(app.Address, "/d/main").ToString(), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(Number(page, "v")).ToHaveTextAsync(value);
        await session.MarkWindowAsync();
    }

    [ChromiumFact]
    public async Task A_new_upstream_value_shows_on_every_open_page_in_place_and_upstream_calls_do_not_grow_with_viewers()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 1);
        await using var app = await PublishedApp.StartAsync(Config(upstream, "00:00:01"));
        var sessions = new List<BrowserPage>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                sessions.Add(await browser.NewPageAsync());
                await OpenMarkedAsync(sessions[^1], app, "1");
            }

            await LiveViewers.ExpectConnectionsAsync(app, 3);
            var started = DateTime.UtcNow;
            var callsBefore = upstream.Calls("v");
            upstream.SetValue("v", 2);
            foreach (var session in sessions)
            {
                await Expect(Number(session.Page, "v")).ToHaveTextAsync("2");
            }

            foreach (var session in sessions)
            {
                await session.AssertNotReloadedAsync();
                Assert.EndsWith("/d/main", session.Page.Url, StringComparison.Ordinal);
                session.AssertNoErrors();
            }

            // One refresh per MaxAge (1 s) for the three viewers together, not one per viewer.
            var calls = upstream.Calls("v") - callsBefore;
            var allowed = (int)Math.Ceiling((DateTime.UtcNow - started).TotalSeconds) + 1;
            Assert.True(calls <= allowed, $"{calls} upstream calls in {(DateTime.UtcNow - started).TotalSeconds:F1} s for 3 viewers; at most {allowed} expected");
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    [ChromiumFact]
    public async Task A_hidden_tab_closes_its_stream_asks_for_nothing_and_catches_up_when_shown()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 10);
        await using var app = await PublishedApp.StartAsync(Config(upstream, "00:00:01"));
        await using var visible = await browser.NewPageAsync();
        await using var hidden = await browser.NewPageAsync();

        // The hidden tab's visibility is ours to set (headless pages are always visible).
        await LiveViewers.MakeHideableAsync(hidden.Page);
        await OpenMarkedAsync(visible, app, "10");
        await OpenMarkedAsync(hidden, app, "10");
        await LiveViewers.ExpectConnectionsAsync(app, 2);

        await LiveViewers.SetHiddenAsync(hidden.Page, true);
        await LiveViewers.ExpectConnectionsAsync(app, 1);
        var requests = new List<string>();
        hidden.Page.Request += (_, request) =>
        {
            lock (requests)
            {
                requests.Add(request.Url);
            }
        };

        // The visible tab proves the new value went out; the hidden one neither heard of it nor asked.
        upstream.SetValue("v", 20);
        await Expect(Number(visible.Page, "v")).ToHaveTextAsync("20");
        await Expect(Number(hidden.Page, "v")).ToHaveTextAsync("10");
        lock (requests)
        {
            Assert.Empty(requests);
        }

        await LiveViewers.SetHiddenAsync(hidden.Page, false);
        await Expect(Number(hidden.Page, "v")).ToHaveTextAsync("20");
        await hidden.AssertNotReloadedAsync();
        await LiveViewers.ExpectConnectionsAsync(app, 2);
        visible.AssertNoErrors();
        hidden.AssertNoErrors();
    }

    [ChromiumFact]
    public async Task With_JavaScript_off_the_page_shows_every_panel_and_opens_no_stream()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 5);
        await using var app = await PublishedApp.StartAsync(Config(upstream, "00:01:00"));
        using (var client = new HttpClient { Timeout = BrowserFixture.Timeout })
        {
            // The first view fetches (its panel streams in later, which needs script); later ones have the value at once.
            await client.GetStringAsync(new Uri(app.Address, "/d/main"));
        }

        await using var session = await browser.NewPageAsync(new() { JavaScriptEnabled = false });
        var page = session.Page;
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(new Uri(app.Address, "/d/main").ToString());

        await Expect(page.Locator("section.panel")).ToHaveCountAsync(1);
        await Expect(page.Locator("section.panel[data-panel-id='v']")).ToHaveAttributeAsync("data-state", "fresh");
        await Expect(Number(page, "v")).ToHaveTextAsync("5");
        Assert.DoesNotContain(requests, url => url.Contains("/live/", StringComparison.Ordinal));
        Assert.Equal(0, await LiveViewers.ConnectionsAsync(app));
    }

    [ChromiumFact]
    public async Task Switching_dashboards_is_an_enhanced_navigation_and_the_stream_follows()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 7);
        await using var app = await PublishedApp.StartAsync(Config(upstream, "00:01:00"));
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        var streams = new List<string>();
        page.Request += (_, request) =>
        {
            lock (streams)
            {
                if (request.Url.Contains("/live/", StringComparison.Ordinal))
                {
                    streams.Add(new Uri(request.Url).AbsolutePath);
                }
            }
        };

        await OpenMarkedAsync(session, app, "7");
        await page.ClickAsync("nav.dash-nav a[href='/d/other']");
        await page.WaitForURLAsync("**/d/other");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Other");
        await Expect(Number(page, "w")).ToHaveTextAsync("7");
        await session.AssertNotReloadedAsync();
        await BrowserWait.UntilAsync(() => { lock (streams) { return streams.Contains("/live/other"); } }, "a stream for the other dashboard");
        await LiveViewers.ExpectConnectionsAsync(app, 1);
        lock (streams)
        {
            // The stream for main was closed and one for other opened (ExpectLiveConnections: only one is open).
            Assert.Equal(["/live/main", "/live/other"], streams);
        }

        session.AssertNoErrors();
    }
}
