using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The shipped demo in Chromium: "orders per hour" (SQL) follows the time range picked, and the visitors API
/// value's own history (30 days seeded at start) is drawn over it as a line in its min–max band; a preset changes both in
/// place; its table lists each bucket's min and max, and hovering reads the average. Screenshots in the artifacts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoTimeRangeBrowserTests(BrowserFixture browser)
{
    private static ILocator Chart(IPage page, string panel) => page.Locator($"section.panel[data-panel-id='{panel}'] svg.chart-svg");

    private static async Task<DateTimeOffset> ChartFromAsync(IPage page, string panel) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((await Chart(page, panel).GetAttributeAsync("data-from"))!, CultureInfo.InvariantCulture));

    [ChromiumFact]
    public async Task Orders_per_hour_and_the_visitors_history_follow_the_range_picked()
    {
        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("appsettings.json"), TestContext.Current.CancellationToken))!;
        var logging = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning", ["Dashboard.Demo.DemoHistorySeeder"] = "Information" } };
        await using var app = await PublishedApp.StartAsync(shipped["Dashboard"]!.ToJsonString(), logging: logging);
        await BrowserWait.UntilAsync(() => app.Output.Contains("Seeded 30 days of demo history for ", StringComparison.Ordinal), "the demo's seeded history");
        await using var session = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = session.Page;

        await page.GotoAsync(new Uri(app.Address, "/?from=now-6h&to=now").ToString());
        await Expect(Chart(page, "orders-per-hour")).ToBeVisibleAsync();
        await Expect(Chart(page, "visitors-history")).ToBeVisibleAsync();
        await Expect(page.Locator("section.panel[data-panel-id='orders-per-hour'] path.line")).ToHaveCountAsync(1);
        var sixHours = await ChartFromAsync(page, "orders-per-hour");
        Assert.InRange(DateTimeOffset.UtcNow - sixHours, TimeSpan.FromHours(5.9), TimeSpan.FromHours(6.1));
        Assert.Equal(sixHours, await ChartFromAsync(page, "visitors-history"));
        await Expect(page.Locator("section.panel[data-panel-id='visitors-history'] path.minmax")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = TestArtifacts.PathFor("demo-time-range-6h.png"), FullPage = true });
        await session.MarkWindowAsync();

        await page.Locator(".range-presets a", new() { HasTextString = "7d" }).ClickAsync();
        await Expect(page.Locator(".range-presets a[aria-current='true']")).ToHaveTextAsync("7d");
        await BrowserWait.UntilAsync(async () => DateTimeOffset.UtcNow - await ChartFromAsync(page, "orders-per-hour") > TimeSpan.FromDays(6.9), "the 7-day orders chart");
        Assert.InRange(DateTimeOffset.UtcNow - await ChartFromAsync(page, "visitors-history"), TimeSpan.FromDays(6.9), TimeSpan.FromDays(7.1));
        await Expect(page.Locator("section.panel[data-panel-id='visitors-history'] path.minmax")).ToHaveCountAsync(1);
        await Expect(page.Locator("section.panel[data-panel-id='orders-per-hour'] path.line")).ToHaveCountAsync(1);
        await session.AssertNotReloadedAsync();
        await page.ScreenshotAsync(new() { Path = TestArtifacts.PathFor("demo-time-range-7d.png"), FullPage = true });

        // The history's table lists each bucket's min and max beside its average; the hover read-out shows the average.
        var history = page.Locator("section.panel[data-panel-id='visitors-history']");
        await history.Locator("details.chart-data summary").ClickAsync();
        await Expect(history.Locator("details.chart-data thead th.bucket-range")).ToHaveCountAsync(2);
        await history.Locator("svg.chart-svg").HoverAsync();
        await Expect(history.Locator(".chart-tooltip li")).ToHaveCountAsync(1);
        await history.ScreenshotAsync(new() { Path = TestArtifacts.PathFor("demo-history-table-hover.png") });
        session.AssertNoErrors();
    }
}
