using Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>wwwroot/js/viewer-state.js in Chromium against the published app: the time range's "Custom…" form, opened and
/// half filled in, stays open with what was typed while live updates refresh the page, and stays closed once the viewer
/// closes it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ViewerStateBrowserTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task The_custom_range_form_stays_open_with_what_was_typed_across_live_updates()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("ranged", 1);
        await using var app = await PublishedApp.StartAsync(TimeRangeBrowserTests.Config(upstream));
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        var custom = page.Locator(".range-custom");

        await page.GotoAsync(new Uri(app.Address, "/d/main").ToString());
        await Expect(TimeRangeBrowserTests.Number(page, "ranged")).ToHaveTextAsync("1");
        await LiveViewers.ExpectConnectionsAsync(app, 1);

        await custom.Locator("summary").ClickAsync();
        await page.Locator("input[name='from']").FillAsync("now-3h");
        upstream.SetValue("ranged", 2);
        await Expect(TimeRangeBrowserTests.Number(page, "ranged")).ToHaveTextAsync("2");
        await Expect(custom).ToHaveAttributeAsync("open", "");
        await Expect(page.Locator("input[name='from']")).ToHaveValueAsync("now-3h");

        // Closed by the viewer: it stays closed through the next update.
        await custom.Locator("summary").ClickAsync();
        upstream.SetValue("ranged", 3);
        await Expect(TimeRangeBrowserTests.Number(page, "ranged")).ToHaveTextAsync("3");
        Assert.False(await custom.EvaluateAsync<bool>("d => d.open"));
        session.AssertNoErrors();
    }
}
