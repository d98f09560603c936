using Dashboard.Admin;
using Dashboard.Tests.Admin;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The visual dashboard editor in headless Chromium against the published app: dragging a panel and its corner
/// saves the layout the dashboard then shows; with JavaScript off the plain forms do the same; and no admin page has
/// overlapping text at 1280 or 390 px (screenshots of each are kept under TestResults/artifacts).</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardEditorBrowserTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task Dragging_a_panel_and_its_corner_saves_the_layout_the_dashboard_shows()
    {
        await using var app = await StartAsync();
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        await SignInAndCopyAsync(page, app);
        await session.MarkWindowAsync();
        var tiles = page.Locator(".editor-tile");
        Assert.Equal(["a", "b", "c"], await IdsAsync(tiles));

        // Drag c's handle onto a: c moves first; the page saves and shows the new order in place.
        await page.Locator(".editor-tile[data-panel-id='c'] .drag-handle").DragToAsync(page.Locator(".editor-tile[data-panel-id='a']"));
        await UntilShownAsync(app, "the new order", html => PanelIds(html) is ["c", "a", "b"]);
        await Expect(page.Locator(".notice")).ToContainTextAsync("Saved the layout");
        Assert.Equal(["c", "a", "b"], await IdsAsync(tiles));

        // Drag b's lower right corner one column right and one row down: 2 × 2.
        var b = page.Locator(".editor-tile[data-panel-id='b']");
        var box = (await b.BoundingBoxAsync())!;
        var grid = (await page.Locator(".editor-grid").BoundingBoxAsync())!;
        var corner = (await b.Locator(".resize-handle").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(corner.X + (corner.Width / 2), corner.Y + (corner.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width + (grid.Width / 5), box.Y + (box.Height * 1.8f), new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await UntilShownAsync(app, "panel b at 2 × 2", html => System.Text.RegularExpressions.Regex.IsMatch(html, "<section class=\"[^\"]*\\bw-2 h-2\\b[^\"]*\"[^>]*data-panel-id=\"b\""));
        await Expect(page.Locator(".editor-tile[data-panel-id='b'] .tile-height")).ToHaveValueAsync("2");
        await session.AssertNotReloadedAsync();

        await page.GotoAsync($"{Root(app)}/d/board");
        Assert.Equal(["c", "a", "b"], await IdsAsync(page.Locator("section.panel")));
        await Expect(page.Locator("section.panel[data-panel-id='b']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bw-2 h-2\b"));
        session.AssertNoErrors();
    }

    [ChromiumFact]
    public async Task Without_javascript_the_layout_form_moves_and_resizes_panels_too()
    {
        await using var app = await StartAsync();
        await using var session = await browser.NewPageAsync(new() { JavaScriptEnabled = false });
        var page = session.Page;
        await SignInAndCopyAsync(page, app);
        await Expect(page.Locator(".drag-handle").First).ToBeHiddenAsync();

        await page.FillAsync(".editor-tile[data-panel-id='c'] .tile-position", "1");
        await page.SelectOptionAsync(".editor-tile[data-panel-id='b'] .tile-width", "2");
        await page.SelectOptionAsync(".editor-tile[data-panel-id='b'] .tile-height", "3");
        await page.ClickAsync("button.save-layout");
        await page.WaitForURLAsync("**/admin/dashboards/board/edit?done=Saved*");
        Assert.Equal(["c", "a", "b"], await IdsAsync(page.Locator(".editor-tile")));

        // A refused value stays in its field with the message beside it.
        await page.FillAsync(".editor-tile[data-panel-id='a'] .tile-position", "first");
        await page.ClickAsync("button.save-layout");
        await Expect(page.Locator("#position-1-error")).ToContainTextAsync("'first' is not a whole number");
        await Expect(page.Locator(".editor-tile[data-panel-id='a'] .tile-position")).ToHaveValueAsync("first");

        await page.GotoAsync($"{Root(app)}/d/board");
        Assert.Equal(["c", "a", "b"], await IdsAsync(page.Locator("section.panel")));
        await Expect(page.Locator("section.panel[data-panel-id='b']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bw-2 h-3\b"));
    }

    [ChromiumFact]
    public async Task The_published_app_applies_a_file_dropped_into_its_provisioning_folder_and_reports_a_broken_one()
    {
        await using var app = await StartAsync();
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        var file = Path.Combine(app.Root, "provisioning", "dropped.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, """{ "Title": "Dropped in", "Panels": [ { "Id": "x", "Type": "status", "Title": "X", "Source": "s" } ] }""", TestContext.Current.CancellationToken);

        using var client = new HttpClient { BaseAddress = app.Address, Timeout = BrowserFixture.Timeout };
        await BrowserWait.UntilAsync(async () => (await client.GetAsync("/d/dropped")).IsSuccessStatusCode, "the dropped dashboard");
        await page.GotoAsync($"{Root(app)}/d/dropped");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dropped in");

        await File.WriteAllTextAsync(file, "{\n  \"Title\": \"Broken\",\n  \"Panels\": [ }", TestContext.Current.CancellationToken);
        await BrowserWait.UntilAsync(async () => (await client.GetStringAsync("/health")).Contains("\"file\": \"provisioning/dropped.json\"", StringComparison.Ordinal), "the problem on /health");
        Assert.Contains("\"line\": 3", await client.GetStringAsync("/health"), StringComparison.Ordinal);
        await page.ReloadAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dropped in");
        session.AssertNoErrors();
    }

    [ChromiumFact]
    public async Task Admin_pages_have_no_overlapping_text_at_1280_or_390_pixels()
    {
        await using var app = await StartAsync();
        var pages = new[]
        {
            "/admin", "/admin/sources", "/admin/sources/long-target/edit", "/admin/sources/s/test", "/admin/dashboards",
            "/admin/dashboards/board/edit", "/admin/dashboards/board/panels/a/edit", "/admin/dashboards/main/edit", "/admin/import", "/admin/audit",
        };
        var overlaps = new List<string>();
        foreach (var width in new[] { 1280, 390 })
        {
            await using var session = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
            var page = session.Page;
            await SignInAndCopyAsync(page, app);
            foreach (var path in pages)
            {
                await page.GotoAsync(Root(app) + path);
                await Expect(page.Locator("section.panel[data-state='loading']")).ToHaveCountAsync(0);
                var file = Path.Combine(ArtifactsFolder(), $"{path.Trim('/').Replace('/', '_')}-{width}.png");
                await page.ScreenshotAsync(new() { Path = file, FullPage = true });
                overlaps.AddRange((await page.EvaluateAsync<string[]>(OverlapScript)).Select(o => $"{path} at {width} px: {o}"));
            }

            session.AssertNoErrors();
        }

        Assert.True(overlaps.Count == 0, "Overlapping text:\n" + string.Join("\n", overlaps.Take(30)));
    }

    /// <summary>Every pair of visible text boxes (text runs, inputs, selects, buttons) that overlap by more than a pixel,
    /// each clipped by the boxes of its scrolling or clipping ancestors (a cut-off cell does not count past its cut).
    /// Tables are compared cell by cell: any cell's text running into another's is reported.</summary>
    private const string OverlapScript = """
        () => {
          const clipped = (rect, node) => {
            let r = { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
            for (let e = node.nodeType === 1 ? node.parentElement : node.parentElement; e && e !== document.body; e = e.parentElement) {
              const s = getComputedStyle(e);
              if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
                const c = e.getBoundingClientRect();
                r = { left: Math.max(r.left, c.left), top: Math.max(r.top, c.top), right: Math.min(r.right, c.right), bottom: Math.min(r.bottom, c.bottom) };
              }
            }
            return r;
          };
          // Rendered and shown (not in a closed <details>, not display:none, hidden or transparent).
          const visible = (e) => e.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true });
          const boxes = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!n.textContent.trim() || !n.parentElement || !visible(n.parentElement) || n.parentElement.closest('script,style,svg,.visually-hidden,option')) continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            for (const rect of range.getClientRects()) boxes.push({ what: n.textContent.trim().slice(0, 40), owner: n.parentElement, r: clipped(rect, n) });
          }
          for (const e of document.querySelectorAll('input:not([type=hidden]),select,textarea')) {
            if (visible(e)) boxes.push({ what: `<${e.tagName.toLowerCase()} ${e.id || e.name}>`, owner: e, r: clipped(e.getBoundingClientRect(), e) });
          }
          const real = boxes.filter(b => b.r.right - b.r.left > 1 && b.r.bottom - b.r.top > 1);
          const found = [];
          for (let i = 0; i < real.length; i++) {
            for (let j = i + 1; j < real.length; j++) {
              const a = real[i], b = real[j];
              if (a.owner === b.owner || a.owner.contains(b.owner) || b.owner.contains(a.owner)) continue;
              const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
              const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
              if (w > 1 && h > 1) found.push(`'${a.what}' overlaps '${b.what}' (${Math.round(w)}×${Math.round(h)} px)`);
            }
          }
          return found;
        }
        """;

    private static async Task<PublishedApp> StartAsync()
    {
        var hash = AdminCredentials.Hash(AdminSession.UserName, AdminSession.Password);
        var longUrl = "http://127.0.0.1:9/reports/quarterly/" + string.Join('/', Enumerable.Repeat("a-rather-long-path-segment", 8)) + "?with=query";
        return await PublishedApp.StartAsync($$"""
            {
              "Sources": {
                "s": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/none", "Path": "value" }, "RenderDeadline": "00:00:00.200", "FetchTimeout": "00:00:00.500" },
                "long-target": { "Kind": "http", "Http": { "Url": "{{longUrl}}", "Path": "data.items[0].a.very.long.path.expression" }, "RenderDeadline": "00:00:00.200", "FetchTimeout": "00:00:00.500" }
              },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Columns": 4, "Panels": [
                { "Id": "a", "Title": "Panel A", "Source": "s" },
                { "Id": "b", "Title": "Panel B with a long title that has to be cut somewhere", "Source": "long-target" },
                { "Id": "c", "Type": "status", "Title": "Panel C", "Source": "s" } ] } ],
              "Admin": { "UserName": "{{AdminSession.UserName}}", "PasswordHash": "{{hash}}" }
            }
            """,
            environment: "Development"); // Plain HTTP on loopback: elsewhere the admin cookies are Secure and need HTTPS.
    }

    /// <summary>Signs in and saves an editable copy "board" of the provisioned dashboard "main" (once per app), leaving
    /// the page on its editor. Works with and without JavaScript (plain posts and redirects).</summary>
    private static async Task SignInAndCopyAsync(IPage page, PublishedApp app)
    {
        await page.GotoAsync($"{Root(app)}/admin/sign-in");
        await page.FillAsync("#user", AdminSession.UserName);
        await page.FillAsync("#password", AdminSession.Password);
        await page.ClickAsync("button[type=submit]");

        // Waits for the admin page's heading, not its load event: in two full CI runs the browser showed /admin in full
        // while Playwright still waited for that page's load event 30 s later (without JavaScript, after the sign-in
        // post's redirect); the page itself had arrived.
        await page.WaitForURLAsync($"{Root(app)}/admin", new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Admin");
        await page.GotoAsync($"{Root(app)}/admin/dashboards/board/edit");
        if (await page.Locator(".editor-tile").CountAsync() == 0)
        {
            await page.GotoAsync($"{Root(app)}/admin/dashboards/main/edit");
            await page.FillAsync("#copy-name", "board");
            await page.ClickAsync("form.save-copy button[type=submit]");
            await page.WaitForURLAsync("**/admin/dashboards/board/edit?done=*");
        }
    }

    /// <summary>Waits until the dashboard as served (a plain GET) satisfies <paramref name="condition"/>: the save is done.</summary>
    private static async Task UntilShownAsync(PublishedApp app, string what, Func<string, bool> condition)
    {
        using var client = new HttpClient { BaseAddress = app.Address, Timeout = BrowserFixture.Timeout };
        await BrowserWait.UntilAsync(async () => condition(await client.GetStringAsync("/d/board")), what);
    }

    // A streamed page carries each panel again in its streamed updates: the first occurrences are the order.
    private static string[] PanelIds(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<section class=\"panel [^>]*data-panel-id=\"(?<id>[^\"]+)\"").Select(m => m.Groups["id"].Value).Distinct()];

    private static async Task<List<string?>> IdsAsync(ILocator locator) =>
        [.. await locator.EvaluateAllAsync<string?[]>("els => els.map(e => e.dataset.panelId)")];

    private static string Root(PublishedApp app) => app.Address.ToString().TrimEnd('/');

    private static string ArtifactsFolder()
    {
        return Directory.CreateDirectory(TestArtifacts.PathFor("admin-pages")).FullName;
    }
}
