using System.Net;

namespace Dashboard.Tests.Admin;

public sealed class AdminSignInTests
{
    private const string Config = AdminSession.OneSourceConfig;

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/sources")]
    [InlineData("/admin/sources/s/edit")]
    [InlineData("/admin/audit")]
    public async Task Unauthenticated_requests_are_redirected_to_sign_in(string url)
    {
        await using var session = await AdminSession.StartAsync(Config);

        using var response = await session.Client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in?ReturnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_admin_account_the_area_explains_how_and_stays_closed()
    {
        await using var session = await AdminSession.StartAsync(Config, admin: "\"UserName\": \"\"");

        var page = await session.GetPageAsync("/admin/sign-in");

        Assert.Contains("no admin account is configured", page, StringComparison.Ordinal);
        Assert.Contains("hash-password", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Password", page, StringComparison.Ordinal);
        using var response = await session.Client.GetAsync("/admin/sources", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("Development", false)]
    [InlineData("Production", true)]
    public async Task The_closed_area_lists_the_complete_steps_for_the_environment_it_runs_in(string environment, bool production)
    {
        await using var session = await AdminSession.StartAsync(Config, admin: "\"UserName\": \"\"", environment: environment);

        var page = WebUtility.HtmlDecode(await session.GetPageAsync("/admin/sign-in"));

        Assert.Contains($"To open it in this app's environment (<code>{environment}</code>):", page, StringComparison.Ordinal);
        Assert.Contains("export Dashboard__Admin__UserName=admin", page, StringComparison.Ordinal);
        Assert.Contains("export Dashboard__Admin__PasswordHash=", page, StringComparison.Ordinal);
        Assert.Equal(production, page.Contains("export Dashboard__DataProtection__CertificatePath=", StringComparison.Ordinal));
        Assert.Equal(production, page.Contains("Serve the admin area over HTTPS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_in_with_the_right_password_opens_the_area_and_signing_out_closes_it()
    {
        await using var session = await AdminSession.StartAsync(Config);

        using (var wrong = await session.PostFormAsync("/admin/sign-in", "admin-sign-in", [new("Input.UserName", "admin"), new("Input.Password", "nope")]))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Wrong user name or password", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using (var right = await session.PostFormAsync(
            "/admin/sign-in?ReturnUrl=%2Fadmin%2Fsources", "admin-sign-in", [new("Input.UserName", AdminSession.UserName), new("Input.Password", AdminSession.Password)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
            Assert.Equal(new Uri(AdminSession.BaseAddress, "/admin/sources"), new Uri(AdminSession.BaseAddress, right.Headers.Location!));
        }

        var sources = await session.GetPageAsync("/admin/sources");
        Assert.Contains("data-source=\"s\"", sources, StringComparison.Ordinal);

        using (var signOut = await session.PostFormAsync("/admin/sign-out", "admin-sign-out", [], tokenFromPage: "/admin/sources"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using var after = await session.Client.GetAsync("/admin/sources", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task A_return_url_outside_the_admin_area_is_ignored()
    {
        await using var session = await AdminSession.StartAsync(Config);

        using var response = await session.PostFormAsync(
            "/admin/sign-in?ReturnUrl=https%3A%2F%2Fevil.example%2F", "admin-sign-in", [new("Input.UserName", AdminSession.UserName), new("Input.Password", AdminSession.Password)]);

        Assert.Equal(new Uri(AdminSession.BaseAddress, "/admin"), new Uri(AdminSession.BaseAddress, response.Headers.Location!));
    }

    [Fact]
    public async Task Posts_without_or_with_an_invalid_antiforgery_token_are_rejected()
    {
        await using var session = await AdminSession.StartAsync(Config);

        using var missing = await session.PostAsync("/admin/sign-in", "admin-sign-in", [new("Input.UserName", AdminSession.UserName), new("Input.Password", AdminSession.Password)], token: null);
        using var invalid = await session.PostAsync("/admin/sign-in", "admin-sign-in", [new("Input.UserName", AdminSession.UserName), new("Input.Password", AdminSession.Password)], token: "forged");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Null(missing.Headers.Location);

        // Signed in, a state-changing post without a token is refused too, and changes nothing.
        await session.SignInAsync();
        using var delete = await session.PostAsync("/admin/dashboards/main/edit", "delete-dashboard", [new("Delete.Version", "1")], token: null);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.DoesNotContain("delete", await session.GetPageAsync("/admin/audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_client_with_a_clear_message()
    {
        await using var session = await AdminSession.StartAsync(Config, admin: "\"UserName\": \"admin\", \"PasswordHash\": \"AQAAAAIAAYagAAAAEJunk\", \"SignInPermitLimit\": 2");
        var token = AdminSession.Token(await session.GetPageAsync("/admin/sign-in"));

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await session.PostAsync("/admin/sign-in", "admin-sign-in", [new("Input.UserName", "admin"), new("Input.Password", "guess")], token);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await session.PostAsync("/admin/sign-in", "admin-sign-in", [new("Input.UserName", "admin"), new("Input.Password", "guess")], token);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.True(limited.Headers.RetryAfter is not null);

        // Reading the page is not limited.
        await session.GetPageAsync("/admin/sign-in");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/sign-in")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        await using var session = await AdminSession.StartAsync(Config);

        using var response = await session.Client.GetAsync(url, TestContext.Current.CancellationToken);
        _ = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_dashboard_page_has_no_inline_style_attributes()
    {
        await using var session = await AdminSession.StartAsync(Config);

        var page = await session.GetPageAsync("/");

        Assert.DoesNotContain("style=", page, StringComparison.Ordinal);
        Assert.Contains("cols-4", page, StringComparison.Ordinal);
        Assert.Contains("w-1 h-1", page, StringComparison.Ordinal);
    }
}
