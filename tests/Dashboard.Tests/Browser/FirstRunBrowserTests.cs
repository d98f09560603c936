using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>README.md's admin steps, in order, as a newcomer follows them: the shipped demo on a fresh content root, in
/// the environment <c>dotnet run</c> gives, over plain <c>http://localhost</c> in Chromium. The app never exits on its
/// own, sign-in succeeds, and the admin cookie does not lean on a browser's leniency for Secure cookies on localhost.
/// The same variables in Production stop start-up with a message naming what to set (one line, no stack trace).</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstRunBrowserTests(BrowserFixture browser)
{
    private const string Password = "a newcomer's password";

    [ChromiumFact]
    public async Task Following_the_readme_admin_steps_over_http_localhost_ends_signed_in_with_no_crash()
    {
        var readme = await File.ReadAllTextAsync(RepositoryFiles.PathOf("README.md"), TestContext.Current.CancellationToken);
        Assert.Contains("`dotnet run --project src/Dashboard -- hash-password admin`", readme, StringComparison.Ordinal);
        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("appsettings.json"), TestContext.Current.CancellationToken))!;
        await using var app = await PublishedApp.StartAsync(shipped["Dashboard"]!.ToJsonString(), LaunchProfile.Environment(), shipped["Logging"]);
        var site = $"http://localhost:{app.Address.Port}";
        await using var session = await browser.NewPageAsync();
        var page = session.Page;

        // Before any step: the closed admin area gives the same commands.
        await page.GotoAsync($"{site}/admin");
        await page.WaitForURLAsync("**/admin/sign-in**");
        var steps = page.Locator(".setup-steps");
        await Expect(steps).ToContainTextAsync("hash-password admin");
        await Expect(steps).ToContainTextAsync("export Dashboard__Admin__PasswordHash=");

        // Step 1: hash-password (the published app's own command; `dotnet run … --` runs the same code).
        var (exitCode, hash, instructions) = await app.RunCommandAsync(Password + "\n", ["hash-password", "admin"]);
        Assert.True(exitCode == 0, instructions);
        var variables = ShellExports.Parse(instructions);
        Assert.Equal(["Dashboard__Admin__UserName", "Dashboard__Admin__PasswordHash"], variables.Keys);
        Assert.Equal(hash.Trim(), variables["Dashboard__Admin__PasswordHash"]);

        // Step 2: run those lines, start the app again, sign in.
        await app.RestartAsync(variables);
        await page.GotoAsync($"{site}/admin/sign-in");
        await page.FillAsync("#user", "admin");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{site}/admin");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Admin");
        await page.GotoAsync($"{site}/admin/sources");
        await Expect(page.Locator("tr[data-source='visitors']")).ToHaveCountAsync(1);

        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name.EndsWith("Dashboard.Admin", StringComparison.Ordinal));
        Assert.False(cookie.Secure, "a Secure cookie over http://localhost works in Chromium but not in every browser");
        Assert.False(cookie.Name.StartsWith("__Host-", StringComparison.Ordinal));
        session.AssertNoErrors();
        Assert.False(app.HasExited, app.Output);
        Assert.DoesNotContain(app.Lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal));

        // The same variables in Production: refused at start-up (exit code 2, no stack trace), naming what to set.
        var production = new Dictionary<string, string>(variables) { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        var (refusedCode, stdout, stderr) = await app.RunCommandAsync("", ["--urls", $"http://127.0.0.1:{FreePort()}"], production);
        Assert.Equal(Dashboard.Startup.ExitCodes.Configuration, refusedCode);
        Assert.False(AppProcessRun.ShowsStackTrace(stdout + stderr), stdout + stderr);
        var refusal = Assert.Single((stdout + stderr).Split('\n'), l => l.Contains("Dashboard:DataProtection:CertificatePath: not set", StringComparison.Ordinal));
        Assert.Contains("Dashboard__DataProtection__CertificatePath", refusal, StringComparison.Ordinal);
        Assert.Contains("Dashboard__DataProtection__AllowUnencryptedKeys=true", refusal, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
