using System.Text.Json.Nodes;
using Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The README's screenshot, taken from the published app running the shipped demo configuration. The test
/// always renders and checks the page; it writes the picture only when <see cref="OutputVariable"/> names a file
/// (so CI never dirties the tree): <c>DASHBOARD_SCREENSHOT=docs/screenshot.png dotnet test … --filter ReadmeScreenshot</c>.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadmeScreenshotTests(BrowserFixture browser)
{
    public const string OutputVariable = "DASHBOARD_SCREENSHOT";

    [ChromiumFact]
    public async Task The_demo_overview_shows_every_panel_with_a_value_or_its_reason()
    {
        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("appsettings.json"), TestContext.Current.CancellationToken))!;
        var panels = shipped["Dashboard"]!["Dashboards"]![0]!["Panels"]!.AsArray().Count;
        await using var app = await PublishedApp.StartAsync(shipped["Dashboard"]!.ToJsonString());
        await using var session = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = session.Page;
        var loading = page.Locator("section.panel[data-state='loading']");

        // The first view starts every fetch; the slow report (3 s) misses its 1 s deadline there.
        await page.GotoAsync(app.Address.ToString());
        await Expect(page.Locator("section.panel")).ToHaveCountAsync(panels);
        await Expect(loading).ToHaveCountAsync(0);
        using var client = new HttpClient { BaseAddress = app.Address, Timeout = BrowserFixture.Timeout };
        await BrowserWait.UntilAsync(
            async () => JsonNode.Parse(await client.GetStringAsync("/health"))!["sources"]!.AsArray()
                .Any(s => (string?)s!["name"] == "conversion" && s["lastSuccess"] is not null),
            "the slow report's first value");

        // The second view: the slow report's value, the broken ERP's reason.
        await page.GotoAsync(app.Address.ToString());
        await Expect(loading).ToHaveCountAsync(0);
        await Expect(page.Locator("section.panel[data-panel-id='conversion'] .stat-value")).ToBeVisibleAsync();
        await Expect(page.Locator("section.panel[data-panel-id='legacy-erp'] .state-line")).ToContainTextAsync("Unavailable");
        var png = await page.ScreenshotAsync(new() { FullPage = true });

        Assert.True(png.Length > 20_000 && png[1] == (byte)'P', $"a {png.Length}-byte screenshot");
        session.AssertNoErrors();
        if (Environment.GetEnvironmentVariable(OutputVariable) is { Length: > 0 } output)
        {
            var file = Path.IsPathRooted(output) ? output : RepositoryFiles.PathOf(output);
            await File.WriteAllBytesAsync(file, png, TestContext.Current.CancellationToken);
        }
    }
}
