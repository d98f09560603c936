using System.Text.RegularExpressions;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The time range picker in Chromium against the published app: a preset or a custom range changes the address
/// and every panel that uses the range by an enhanced navigation (a mark on <c>window</c> survives, so no reload), the
/// address reproduces the view in a new tab, a range that cannot be shown says why, and live updates go on within a
/// relative range (the live stream keeps that range's entries fresh). Screenshots go to the test artifacts.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class TimeRangeBrowserTests(BrowserFixture browser)
{
    // "interval" shows each range's bucket width in seconds (SQL); "ranged" is an HTTP source at the range (its upstream
    // records the window asked for); "plain" ignores the range.
    internal static string Config(FakeUpstream upstream) => $$"""
        {
          "Connections": { "mem": { "Provider": "sqlite", "ConnectionString": "Data Source=:memory:" } },
          "Sources": {
            "interval": { "Kind": "sql", "Sql": { "Connection": "mem", "Query": "SELECT @interval" }, "MaxAge": "00:05:00", "RenderDeadline": "00:00:05" },
            "ranged": { "Kind": "http", "Http": { "Url": "{{upstream.Url("ranged")}}", "Path": "value", "Query": { "step": "{interval:s}" } },
                        "MaxAge": "00:00:01", "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:05" },
            "plain": { "Kind": "http", "Http": { "Url": "{{upstream.Url("plain")}}", "Path": "value" }, "MaxAge": "00:05:00", "RenderDeadline": "00:00:05" }
          },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [
            { "Id": "interval", "Type": "stat", "Title": "Bucket (s)", "Source": "interval", "Format": "0" },
            { "Id": "ranged", "Type": "stat", "Title": "Ranged", "Source": "ranged", "Format": "0" },
            { "Id": "plain", "Type": "stat", "Title": "Plain", "Source": "plain", "Format": "0" } ] } ],
          "Live": { "MinInterval": "00:00:01" }
        }
        """;

    internal static ILocator Number(IPage page, string panel) => page.Locator($"section.panel[data-panel-id='{panel}'] .stat-value .number");

    [GeneratedRegex(@"/d/main\?from=now-6h&to=now$")]
    internal static partial Regex SixHours();

    [GeneratedRegex(@"/d/main\?from=now-2d&to=now$")]
    internal static partial Regex TwoDays();

    [ChromiumFact]
    public async Task Picking_a_range_changes_the_address_and_every_range_panel_in_place_and_the_address_reproduces_the_view()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("ranged", 5);
        upstream.SetValue("plain", 9);
        await using var app = await PublishedApp.StartAsync(Config(upstream));
        await using var session = await browser.NewPageAsync();
        var page = session.Page;

        await page.GotoAsync(new Uri(app.Address, "/d/main").ToString());
        await Expect(Number(page, "interval")).ToHaveTextAsync("15");
        await Expect(page.Locator(".range-presets a[aria-current='true']")).ToHaveTextAsync("1h");
        await session.MarkWindowAsync();

        // A preset: an enhanced navigation to the preset's address; the range panels follow, the other keeps its value.
        await page.Locator(".range-presets a", new() { HasTextString = "6h" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(SixHours());
        await Expect(Number(page, "interval")).ToHaveTextAsync("120");
        await Expect(page.Locator(".range-presets a[aria-current='true']")).ToHaveTextAsync("6h");
        await Expect(Number(page, "plain")).ToHaveTextAsync("9");
        await session.AssertNotReloadedAsync();
        Assert.Contains("?step=120", upstream.Queries("ranged"));
        await page.ScreenshotAsync(new() { Path = TestArtifacts.PathFor("time-range-6h.png"), FullPage = true });

        // A custom range through the form: also an enhanced navigation (opened once the 6 h page has streamed its last
        // panel; ViewerStateBrowserTests covers the form staying open across updates).
        await Expect(Number(page, "ranged")).ToHaveTextAsync("5");
        await page.Locator(".range-custom summary").ClickAsync();
        await page.Locator("input[name='from']").FillAsync("now-2d");
        await page.Locator("input[name='to']").FillAsync("now");
        await page.Locator(".range-custom button[type='submit']").ClickAsync();
        await Expect(page).ToHaveURLAsync(TwoDays());
        await Expect(Number(page, "interval")).ToHaveTextAsync("600");
        await Expect(page.Locator(".range-shown")).ToContainTextAsync("Custom range:");
        await session.AssertNotReloadedAsync();
        await page.ScreenshotAsync(new() { Path = TestArtifacts.PathFor("time-range-custom.png"), FullPage = true });

        // The address alone reproduces the view, in a new tab.
        var caption = await page.Locator(".range-shown").TextContentAsync();
        await using var other = await browser.NewPageAsync();
        await other.Page.GotoAsync(page.Url);
        await Expect(Number(other.Page, "interval")).ToHaveTextAsync("600");
        await Expect(other.Page.Locator(".range-shown")).ToHaveTextAsync(caption!);
        await Expect(other.Page.Locator("input[name='from']")).ToHaveValueAsync("now-2d");

        // Back: the browser history holds each range.
        await page.GoBackAsync();
        await Expect(Number(page, "interval")).ToHaveTextAsync("120");
        session.AssertNoErrors();
        other.AssertNoErrors();
    }

    [ChromiumFact]
    public async Task A_range_that_cannot_be_shown_says_why_and_shows_the_default_and_is_fixed_in_place()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var app = await PublishedApp.StartAsync(Config(upstream));
        await using var session = await browser.NewPageAsync();
        var page = session.Page;

        await page.GotoAsync(new Uri(app.Address, "/d/main?from=yesterday&to=now").ToString());
        await Expect(page.Locator(".range-problem")).ToContainTextAsync("from: 'yesterday' is not a time");
        await Expect(page.Locator(".range-problem")).ToContainTextAsync("Showing last hour instead.");
        await Expect(Number(page, "interval")).ToHaveTextAsync("15");
        await page.ScreenshotAsync(new() { Path = TestArtifacts.PathFor("time-range-problem.png"), FullPage = true });
        await session.MarkWindowAsync();

        await page.Locator(".range-presets a", new() { HasTextString = "24h" }).ClickAsync();
        await Expect(Number(page, "interval")).ToHaveTextAsync("300");
        await Expect(page.Locator(".range-problem")).ToHaveCountAsync(0);
        await session.AssertNotReloadedAsync();
        session.AssertNoErrors();
    }

    [ChromiumFact]
    public async Task Live_updates_go_on_within_a_relative_range_and_keep_that_range_fresh()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("ranged", 1);
        await using var app = await PublishedApp.StartAsync(Config(upstream));
        await using var session = await browser.NewPageAsync();
        var page = session.Page;

        await page.GotoAsync(new Uri(app.Address, "/d/main").ToString());
        await Expect(Number(page, "ranged")).ToHaveTextAsync("1");
        await session.MarkWindowAsync();
        await page.Locator(".range-presets a", new() { HasTextString = "6h" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(SixHours());
        await LiveViewers.ExpectConnectionsAsync(app, 1);

        // Only the live refresher fetches from now on: at the page's range (step=120), not the default one.
        upstream.SetValue("ranged", 2);
        await Expect(Number(page, "ranged")).ToHaveTextAsync("2");
        upstream.SetValue("ranged", 3);
        await Expect(Number(page, "ranged")).ToHaveTextAsync("3");

        await session.AssertNotReloadedAsync();
        Assert.EndsWith("/d/main?from=now-6h&to=now", page.Url, StringComparison.Ordinal);
        Assert.Equal("?step=120", upstream.Queries("ranged").Last());
        await page.ScreenshotAsync(new() { Path = TestArtifacts.PathFor("time-range-live.png"), FullPage = true });
        session.AssertNoErrors();
    }

}
