using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>wwwroot/js/ssr-stream.js in isolation: handcrafted pages, fulfilled by Playwright on the app's
/// origin, load the script from the real app and carry the batch kinds the app itself rarely sends.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SsrStreamScriptTests(BrowserFixture browser, SsrStreamScriptTests.AppFixture host)
    : IClassFixture<SsrStreamScriptTests.AppFixture>
{
    /// <summary>One app for the class: it serves the script and the pages redirections lead to.</summary>
    public sealed class AppFixture : IAsyncLifetime
    {
        private FakeUpstream upstream = default!;

        public DashboardAppFactory App { get; private set; } = default!;

        public async ValueTask InitializeAsync()
        {
            upstream = await FakeUpstream.StartAsync();
            App = new DashboardAppFactory($$"""
                {
                  "Sources": { "s": { "Kind": "http", "Http": { "Url": "{{upstream.Url("s")}}", "Path": "value" } } },
                  "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [
                    { "Id": "s", "Type": "stat", "Title": "S", "Source": "s" } ] } ]
                }
                """);
            App.UseKestrel(0);
            App.StartServer();
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await upstream.DisposeAsync();
        }
    }

    private Uri Origin => host.App.KestrelAddress;

    /// <summary>Serves html at path (on the app's origin) to this page only, and opens it. A strict CSP comes with
    /// it: the script must work without inline script (a violation would be a console error).</summary>
    private async Task OpenAsync(IPage page, string path, string html, WaitUntilState waitUntil = WaitUntilState.Load)
    {
        var url = new Uri(Origin, path).ToString();
        await page.RouteAsync(url, route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = "default-src 'self'" },
            Body = html,
        }));
        await page.GotoAsync(url, new() { WaitUntil = waitUntil });
    }

    private static string Document(string main, string afterHtml, string head = "", bool scriptAtEnd = true) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><base href="/"><title>t</title>{head}</head>
        <body><main><h1>Handmade</h1>{main}</main>
        {(scriptAtEnd ? "<script src=\"js/ssr-stream.js\"></script>" : "")}</body></html>{afterHtml}
        """;

    private static string Batch(string templates) => $"<blazor-ssr>{templates}<blazor-ssr-end></blazor-ssr-end></blazor-ssr>";

    [ChromiumFact]
    public async Task A_redirection_template_replaces_the_location()
    {
        await using var session = await browser.NewPageAsync();
        var page = session.Page;

        await OpenAsync(page, "/test/redirect", Document("<p>before</p>",
            Batch("""<template type="redirection">/d/main</template>""")), WaitUntilState.Commit);

        // The address, not the "load" event: a heavily loaded run was seen to miss that event after a script navigation.
        await Expect(page).ToHaveURLAsync(new Uri(Origin, "/d/main").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Main");
        session.AssertNoErrors();
    }

    [ChromiumFact]
    public async Task A_not_found_template_navigates_to_its_url_resolved_against_the_base_uri()
    {
        await using var session = await browser.NewPageAsync();
        var page = session.Page;

        // Relative to <base href="/">, not to /test/deeper/: the target is /d/missing.
        await OpenAsync(page, "/test/deeper/not-found", Document("<p>before</p>",
            Batch("""<template type="not-found" enhanced="true">d/missing</template>""")), WaitUntilState.Commit);

        await Expect(page).ToHaveURLAsync(new Uri(Origin, "/d/missing").ToString());
        await Expect(page.GetByText("Page not found")).ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task An_error_template_shows_its_message_as_text_in_an_alert_banner()
    {
        await using var session = await browser.NewPageAsync();
        var page = session.Page;

        await OpenAsync(page, "/test/error", Document("<p id='kept'>the rest of the page</p>",
            Batch("""<template type="error">Boom: &lt;img id="injected" src="x"&gt; &amp; more</template>""")));

        var banner = page.GetByRole(AriaRole.Alert);
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("""Boom: <img id="injected" src="x"> & more""");
        await Expect(page.Locator("#injected")).ToHaveCountAsync(0);
        await Expect(page.Locator("#kept")).ToBeVisibleAsync();
        await Expect(page.Locator("blazor-ssr")).ToHaveCountAsync(0);
        Assert.Equal(new Uri(Origin, "/test/error").ToString(), page.Url);
        session.AssertNoErrors();
    }

    [ChromiumFact]
    public async Task Batches_apply_in_order_keeping_markers_for_nested_and_repeated_boundaries()
    {
        await using var session = await browser.NewPageAsync();
        var page = session.Page;

        var main = """
            <div id="a"><!--bl:1--><p>loading 1</p><!--/bl:1--></div>
            <div id="b"><!--bl:5--><p>loading 5</p><!--/bl:5--></div>
            """;
        var batches =
            // Component 1 arrives with a nested boundary (2), which a later batch fills.
            Batch("""<template blazor-component-id="1"><section id="one">one <!--bl:2--><i>loading 2</i><!--/bl:2--></section></template>""") +
            Batch("""<template blazor-component-id="2"><b id="two">two</b></template>""") +
            // One batch: a parent with a new nested boundary, then that nested boundary; an unknown id is ignored.
            Batch("""
                <template blazor-component-id="5"><section id="five">five <!--bl:6-->x<!--/bl:6--></section></template>
                <template blazor-component-id="99"><p id="stray">no markers for this</p></template>
                <template blazor-component-id="6"><b id="six">six</b></template>
                """) +
            // The same component again: its earlier content is replaced, not appended to.
            Batch("""<template blazor-component-id="2"><b id="two-again">two again</b></template>""");

        await OpenAsync(page, "/test/nested", Document(main, batches));

        await Expect(page.Locator("#a > section#one > b#two-again")).ToHaveTextAsync("two again");
        await Expect(page.Locator("#two")).ToHaveCountAsync(0);
        await Expect(page.Locator("#b > section#five > b#six")).ToHaveTextAsync("six");
        await Expect(page.Locator("#stray")).ToHaveCountAsync(0);
        await Expect(page.GetByText("loading")).ToHaveCountAsync(0);
        await Expect(page.Locator("blazor-ssr")).ToHaveCountAsync(0);
        Assert.Equal(
            ["bl:1", "bl:2", "/bl:2", "/bl:1", "bl:5", "bl:6", "/bl:6", "/bl:5"],
            await page.EvaluateAsync<string[]>("""
                () => {
                  const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
                  const found = [];
                  for (let n = walker.nextNode(); n; n = walker.nextNode()) found.push(n.data);
                  return found;
                }
                """));
        session.AssertNoErrors();
    }

    [ChromiumFact]
    public async Task Batches_already_in_the_document_when_the_script_runs_late_are_applied()
    {
        await using var session = await browser.NewPageAsync();
        var page = session.Page;

        // A deferred script runs only once the whole document, batches included, has been parsed.
        await OpenAsync(page, "/test/late", Document(
            "<div id='late'><!--bl:3--><p>loading</p><!--/bl:3--></div>",
            Batch("""<template blazor-component-id="3"><p id="arrived">arrived</p></template>"""),
            head: """<script src="js/ssr-stream.js" defer></script>""",
            scriptAtEnd: false));

        await Expect(page.Locator("#late > #arrived")).ToHaveTextAsync("arrived");
        await Expect(page.Locator("blazor-ssr")).ToHaveCountAsync(0);
        session.AssertNoErrors();
    }
}
