using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The published app on 127.0.0.1 in headless Chromium: Blazor's own blazor.web.js applies the streamed
/// batches, so the shell shows skeletons at once and each panel fills in as its own source answers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StreamingBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private FakeUpstream upstream = default!;

    public async ValueTask InitializeAsync() => upstream = await FakeUpstream.StartAsync();

    public async ValueTask DisposeAsync() => await upstream.DisposeAsync();

    /// <summary>A dashboard "main" with one stat panel per source; sources never cache and wait up to 20 s.</summary>
    private string Config(params string[] sources)
    {
        var definitions = sources.Select(s => $$"""
            "{{s}}": { "Kind": "http", "Http": { "Url": "{{upstream.Url(s)}}", "Path": "value" },
                       "RenderDeadline": "00:00:20", "FetchTimeout": "00:00:25", "MaxAge": "00:00:00" }
            """);
        var panels = sources.Select(s => $$"""
            { "Id": "{{s}}", "Type": "stat", "Title": "Panel {{s}}", "Source": "{{s}}", "Format": "0" }
            """);
        return $$"""
            {
              "Sources": { {{string.Join(",", definitions)}} },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ {{string.Join(",", panels)}} ] } ]
            }
            """;
    }

    private static ILocator Panel(IPage page, string id) => page.Locator($"section.panel[data-panel-id='{id}']");

    private static async Task ExpectLoadingAsync(IPage page, string id)
    {
        var panel = Panel(page, id);
        await Expect(panel).ToHaveAttributeAsync("data-state", "loading");
        await Expect(panel).ToHaveAttributeAsync("aria-busy", "true");
        await Expect(panel.Locator(".skeleton")).ToBeVisibleAsync();
    }

    private static async Task ExpectFreshAsync(IPage page, string id, string value)
    {
        var panel = Panel(page, id);
        await Expect(panel).ToHaveAttributeAsync("data-state", "fresh");
        await Expect(panel).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(panel.Locator(".stat-value .number")).ToHaveTextAsync(value);
        await Expect(panel.Locator(".stat-value .number")).ToBeVisibleAsync();
    }

    /// <summary>The shell is on screen, and the page's own fetches are in flight, before any source answers.</summary>
    private async Task OpenWhileHeldAsync(IPage page, Uri address, params string[] held)
    {
        // Commit only: "load" and even DOMContentLoaded wait for the end of the streamed response.
        await page.GotoAsync(address.ToString(), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.Locator("h1")).ToHaveTextAsync("Main");
        foreach (var id in held)
        {
            await ExpectLoadingAsync(page, id);
        }

        await BrowserWait.UntilAsync(() => held.All(id => upstream.Calls(id) == 1), "every held source to be called");
    }

    [ChromiumFact]
    public async Task Panels_fill_in_as_their_sources_answer_not_in_page_order()
    {
        string[] ids = ["first", "second", "third"];
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            upstream.SetValue(id, 111 * (i + 1));
            upstream.Hold(id);
        }

        await using var app = await PublishedApp.StartAsync(Config(ids));
        await using var session = await browser.NewPageAsync();
        var page = session.Page;

        await OpenWhileHeldAsync(page, app.Address, ids);
        await Expect(page.Locator("section.panel .skeleton")).ToHaveCountAsync(3);

        // Released 3rd, 1st, 2nd: each panel fills in on its own while the others still wait.
        upstream.Release("third");
        await ExpectFreshAsync(page, "third", "333");
        await ExpectLoadingAsync(page, "first");
        await ExpectLoadingAsync(page, "second");

        upstream.Release("first");
        await ExpectFreshAsync(page, "first", "111");
        await ExpectLoadingAsync(page, "second");
        await ExpectFreshAsync(page, "third", "333");

        upstream.Release("second");
        await ExpectFreshAsync(page, "second", "222");
        await ExpectFreshAsync(page, "first", "111");
        await ExpectFreshAsync(page, "third", "333");

        // The response is complete; every batch was applied and removed.
        await WaitForCompleteDocumentAsync(page);
        await Expect(page.Locator("blazor-ssr")).ToHaveCountAsync(0);
        await Expect(page.Locator("section.panel .skeleton")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = TestArtifacts.PathFor("streaming-panels.png"), FullPage = true });
        session.AssertNoErrors();
    }

    [ChromiumFact]
    public async Task A_failing_source_shows_unavailable_with_its_reason_and_the_rest_still_renders()
    {
        upstream.SetValue("ok", 42);
        upstream.SetStatus("down", 503);
        upstream.Hold("down");
        await using var app = await PublishedApp.StartAsync(Config("ok", "down"));
        await using var session = await browser.NewPageAsync();
        var page = session.Page;

        await OpenWhileHeldAsync(page, app.Address, "down");
        upstream.Release("down");

        var down = Panel(page, "down");
        await Expect(down).ToHaveAttributeAsync("data-state", "unavailable");
        await Expect(down.Locator(".state-line.unavailable")).ToBeVisibleAsync();
        await Expect(down.Locator(".state-line.unavailable")).ToContainTextAsync("Unavailable");
        await Expect(down.Locator(".state-line.unavailable")).ToContainTextAsync("HTTP 503");
        await ExpectFreshAsync(page, "ok", "42");
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await WaitForCompleteDocumentAsync(page);
        await Expect(page.Locator("blazor-ssr")).ToHaveCountAsync(0);
        session.AssertNoErrors();
    }

    /// <summary>The streamed response has ended and the document is parsed. Polls <c>document.readyState</c> rather than
    /// waiting for Playwright's "load" lifecycle event, which a heavily loaded run was seen to miss.</summary>
    private static Task WaitForCompleteDocumentAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.readyState === 'complete'");
}
