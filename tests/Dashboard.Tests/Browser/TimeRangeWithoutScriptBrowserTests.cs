using Dashboard.Tests.Support;
using static Dashboard.Tests.Browser.TimeRangeBrowserTests;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The time range picker with JavaScript off: a preset is a plain link and the custom range a plain GET form, so
/// both change the address and the range panels by an ordinary page load.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TimeRangeWithoutScriptBrowserTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task A_preset_link_and_the_custom_form_change_the_range_without_javascript()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("ranged", 5);
        upstream.SetValue("plain", 9);
        await using var app = await PublishedApp.StartAsync(Config(upstream));
        using (var client = new HttpClient { Timeout = BrowserFixture.Timeout })
        {
            // Without script a value streamed in after the first bytes stays hidden: each range's first view fetches.
            foreach (var query in new[] { "", "?from=now-6h&to=now", "?from=now-2d&to=now" })
            {
                await client.GetStringAsync(new Uri(app.Address, "/d/main" + query), TestContext.Current.CancellationToken);
            }
        }

        await using var session = await browser.NewPageAsync(new() { JavaScriptEnabled = false });
        var page = session.Page;
        await page.GotoAsync(new Uri(app.Address, "/d/main").ToString());
        await Expect(Number(page, "interval")).ToHaveTextAsync("15");

        await page.Locator(".range-presets a", new() { HasTextString = "6h" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(SixHours());
        await Expect(Number(page, "interval")).ToHaveTextAsync("120");
        await Expect(page.Locator(".range-presets a[aria-current='true']")).ToHaveTextAsync("6h");

        await page.Locator(".range-custom summary").ClickAsync();
        await page.Locator("input[name='from']").FillAsync("now-2d");
        await page.Locator(".range-custom button[type='submit']").ClickAsync();
        await Expect(page).ToHaveURLAsync(TwoDays());
        await Expect(Number(page, "interval")).ToHaveTextAsync("600");
        await Expect(page.Locator(".range-shown")).ToContainTextAsync("Custom range:");
        await page.ScreenshotAsync(new() { Path = TestArtifacts.PathFor("time-range-no-script.png"), FullPage = true });
        session.AssertNoErrors();
    }
}
