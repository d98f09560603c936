using Dashboard.Admin;
using Dashboard.Tests.Browser;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Admin;

/// <summary>Headless Chromium: sign in, add an http source pointing at a local fake endpoint, add a panel for it,
/// and see its value on the dashboard.</summary>
public sealed class AdminBrowserTests
{
    [ChromiumFact]
    public async Task An_admin_adds_a_source_and_a_panel_and_sees_the_value_on_the_dashboard()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("browser", 4321);
        var hash = AdminCredentials.Hash(AdminSession.UserName, AdminSession.Password);
        await using var app = new DashboardAppFactory($$"""
            {
              "Sources": { "s": { "Kind": "http", "Http": { "Url": "{{upstream.Url("other")}}", "Path": "value" } } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Title": "P", "Source": "s" } ] } ],
              "Admin": { "UserName": "{{AdminSession.UserName}}", "PasswordHash": "{{hash}}" }
            }
            """,
            // Plain HTTP on loopback, as in development: elsewhere the admin cookies are Secure and need HTTPS.
            environment: "Development");
        app.UseKestrel(0);
        app.StartServer();
        var root = app.KestrelAddress.ToString().TrimEnd('/');

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{root}/admin/sources");
        Assert.Contains("/admin/sign-in", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#user", AdminSession.UserName);
        await page.FillAsync("#password", AdminSession.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{root}/admin/sources");

        await page.ClickAsync("text=New HTTP source");
        await page.FillAsync("#name", "browser-src");
        await page.FillAsync("#url", upstream.Url("browser"));
        await page.FillAsync("#path", "value");
        await page.FillAsync("#render-deadline", "5");
        await page.FillAsync("#fetch-timeout", "5");
        await page.FillAsync("#max-age", "60");
        await page.ClickAsync("form.admin-form button[type=submit]");
        await page.WaitForURLAsync("**/admin/sources?saved=browser-src");
        Assert.Equal(1, await page.Locator("tr[data-source='browser-src']").CountAsync());

        await page.GotoAsync($"{root}/admin/dashboards/main/edit");
        await page.FillAsync("#json", """
            { "Slug": "main", "Title": "Main", "Panels": [
              { "Id": "p", "Title": "P", "Source": "s" },
              { "Id": "b", "Type": "stat", "Title": "From the browser", "Source": "browser-src", "Sparkline": false } ] }
            """);
        await page.ClickAsync("form.admin-form button[type=submit] >> text=Save");
        await page.WaitForURLAsync("**/admin/dashboards?done=*");

        // The first view fetches (its panel streams in); the next one has the value in place at once.
        await page.GotoAsync($"{root}/d/main");
        await page.GotoAsync($"{root}/d/main");
        var value = await page.Locator("[data-panel-id='b'] .stat-value").InnerTextAsync();
        Assert.Contains("4", value, StringComparison.Ordinal);
        Assert.Contains("321", value, StringComparison.Ordinal);
    }
}
