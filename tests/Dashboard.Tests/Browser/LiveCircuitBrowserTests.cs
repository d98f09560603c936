using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The experimental circuit mode (<c>Dashboard:Live:Mode=Circuit</c>) in Chromium against the published app:
/// the grid is an Interactive Server component that takes new values in place, a hidden tab pauses its circuit, and
/// without JavaScript the prerendered page is whole.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveCircuitBrowserTests(BrowserFixture browser)
{
    private static string Config(FakeUpstream upstream, string maxAge) => $$"""
        {
          "Sources": { "v": { "Kind": "http", "Http": { "Url": "{{upstream.Url("v")}}", "Path": "value" },
                              "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10", "MaxAge": "{{maxAge}}" } },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "v", "Type": "stat", "Title": "V", "Source": "v", "Format": "0" } ] } ],
          "Live": { "MinInterval": "00:00:01", "Mode": "Circuit" }
        }
        """;

    private static ILocator Number(IPage page) => page.Locator("section.panel[data-panel-id='v'] .stat-value .number");

    private static async Task OpenMarkedAsync(BrowserPage session, PublishedApp app, string value)
    {
        await session.Page.GotoAsync(new Uri(app.Address, "/d/main").ToString(), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(Number(session.Page)).ToHaveTextAsync(value);
        await session.MarkWindowAsync();
    }

    [ChromiumFact]
    public async Task A_new_upstream_value_reaches_every_open_circuit_in_place()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 1);
        await using var app = await PublishedApp.StartAsync(Config(upstream, "00:00:01"));
        await using var first = await browser.NewPageAsync();
        await using var second = await browser.NewPageAsync();
        await OpenMarkedAsync(first, app, "1");
        await OpenMarkedAsync(second, app, "1");
        await LiveViewers.ExpectConnectionsAsync(app, 2);

        upstream.SetValue("v", 2);
        await Expect(Number(first.Page)).ToHaveTextAsync("2");
        await Expect(Number(second.Page)).ToHaveTextAsync("2");
        foreach (var session in new[] { first, second })
        {
            await session.AssertNotReloadedAsync();
            session.AssertNoErrors();
        }
    }

    [ChromiumFact]
    public async Task A_hidden_tab_pauses_its_circuit_and_catches_up_when_shown()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 10);
        await using var app = await PublishedApp.StartAsync(Config(upstream, "00:00:01"));
        await using var visible = await browser.NewPageAsync();
        await using var session = await browser.NewPageAsync();
        await LiveViewers.MakeHideableAsync(session.Page);
        await OpenMarkedAsync(visible, app, "10");
        await OpenMarkedAsync(session, app, "10");
        await LiveViewers.ExpectConnectionsAsync(app, 2);

        await LiveViewers.SetHiddenAsync(session.Page, true);
        // Paused: the server let go of this tab's circuit.
        await LiveViewers.ExpectConnectionsAsync(app, 1);

        // The visible tab proves the new value went out; the paused one did not get it.
        upstream.SetValue("v", 20);
        await Expect(Number(visible.Page)).ToHaveTextAsync("20");
        await Expect(Number(session.Page)).ToHaveTextAsync("10");

        await LiveViewers.SetHiddenAsync(session.Page, false);
        await Expect(Number(session.Page)).ToHaveTextAsync("20");
        await LiveViewers.ExpectConnectionsAsync(app, 2);
        await session.AssertNotReloadedAsync();
        visible.AssertNoErrors();
        session.AssertNoErrors();
    }

    [ChromiumFact]
    public async Task With_JavaScript_off_the_prerendered_grid_shows_every_panel_and_opens_no_circuit()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 5);
        await using var app = await PublishedApp.StartAsync(Config(upstream, "00:01:00"));
        using (var client = new HttpClient { Timeout = BrowserFixture.Timeout })
        {
            // The first view fetches (its panel streams in later, which needs script); later ones have the value at once.
            await client.GetStringAsync(new Uri(app.Address, "/d/main"), TestContext.Current.CancellationToken);
        }

        await using var session = await browser.NewPageAsync(new() { JavaScriptEnabled = false });
        await session.Page.GotoAsync(new Uri(app.Address, "/d/main").ToString());

        await Expect(session.Page.Locator("section.panel[data-panel-id='v']")).ToHaveAttributeAsync("data-state", "fresh");
        await Expect(Number(session.Page)).ToHaveTextAsync("5");
        Assert.Equal(0, await LiveViewers.ConnectionsAsync(app));
    }
}
