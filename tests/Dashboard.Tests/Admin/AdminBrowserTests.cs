using Dashboard.Admin;
using Dashboard.Tests.Browser;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Admin;

/// <summary>Headless Chromium against the published app: sign in, add an http source pointing at a local fake endpoint,
/// save a copy of the provisioned dashboard, add a panel for the source to it, and see its value on the dashboard. Every form post is an enhanced one (blazor.web.js): the
/// window survives sign-in, validation errors, saves and their redirects, with the antiforgery token accepted.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminBrowserTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task An_admin_adds_a_source_and_a_panel_and_sees_the_value_on_the_dashboard()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("browser", 4321);
        var hash = AdminCredentials.Hash(AdminSession.UserName, AdminSession.Password);
        await using var app = await PublishedApp.StartAsync($$"""
            {
              "Sources": { "s": { "Kind": "http", "Http": { "Url": "{{upstream.Url("other")}}", "Path": "value" } } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Title": "P", "Source": "s" } ] } ],
              "Admin": { "UserName": "{{AdminSession.UserName}}", "PasswordHash": "{{hash}}" }
            }
            """,
            environment: "Development"); // Plain HTTP on loopback: elsewhere the admin cookies are Secure and need HTTPS.
        var root = app.Address.ToString().TrimEnd('/');
        await using var session = await browser.NewPageAsync();
        var page = session.Page;

        await page.GotoAsync($"{root}/admin/sources");
        Assert.Contains("/admin/sign-in", page.Url, StringComparison.Ordinal);
        await session.MarkWindowAsync();
        await page.FillAsync("#user", AdminSession.UserName);
        await page.FillAsync("#password", AdminSession.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{root}/admin/sources");
        await session.AssertNotReloadedAsync();

        await page.ClickAsync("text=New HTTP source");

        // A rejected post re-renders the form with its errors, in place.
        await page.FillAsync("#name", "browser-src");
        await page.FillAsync("#url", "not a url");
        await page.ClickAsync("form.admin-form button[type=submit]");
        await Expect(page.Locator(".form-error").First).ToBeVisibleAsync();
        await session.AssertNotReloadedAsync();

        await page.FillAsync("#name", "browser-src");
        await page.FillAsync("#url", upstream.Url("browser"));
        await page.FillAsync("#path", "value");
        await page.FillAsync("#render-deadline", "5");
        await page.FillAsync("#fetch-timeout", "5");
        await page.FillAsync("#max-age", "60");
        await page.ClickAsync("form.admin-form button[type=submit]");
        // The save lands on the saved source's form with one test fetch's result.
        await page.WaitForURLAsync("**/admin/sources/browser-src/edit?saved=1");
        await Expect(page.Locator("[data-test-fetch='ok']")).ToContainTextAsync("4321");
        await session.AssertNotReloadedAsync();
        await page.GotoAsync($"{root}/admin/sources");
        await Expect(page.Locator("tr[data-source='browser-src']")).ToHaveCountAsync(1);

        // "main" comes from the configuration file, so it is read-only here: save a copy to edit.
        await page.GotoAsync($"{root}/admin/dashboards/main/edit");
        await session.MarkWindowAsync();
        await Expect(page.Locator(".provisioned-notice")).ToContainTextAsync("appsettings.json");
        await page.FillAsync("#copy-name", "mine");
        await page.ClickAsync("form.save-copy button[type=submit]");
        await page.WaitForURLAsync("**/admin/dashboards/mine/edit?done=*");
        await session.AssertNotReloadedAsync();

        await page.FillAsync("#panel-title", "From the browser");
        await page.FillAsync("#panel-id", "b");
        await page.SelectOptionAsync("#panel-source", "browser-src");
        await page.ClickAsync("form:has(#panel-title) button[type=submit]");
        await page.WaitForURLAsync("**/admin/dashboards/mine/edit?panel=b&change=added");
        await Expect(page.Locator(".editor-tile[data-panel-id='b']")).ToHaveCountAsync(1);
        await session.AssertNotReloadedAsync();

        // The first view fetches (its panel streams in); the next one has the value in place at once.
        await page.GotoAsync($"{root}/d/mine");
        await page.GotoAsync($"{root}/d/mine");
        var value = await page.Locator("[data-panel-id='b'] .stat-value").InnerTextAsync();
        Assert.Contains("4", value, StringComparison.Ordinal);
        Assert.Contains("321", value, StringComparison.Ordinal);
        session.AssertNoErrors();
    }
}
