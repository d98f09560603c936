using System.Net;
using Dashboard.Admin;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Admin;

/// <summary>The admin session's cookies and their life: Secure <c>__Host-</c> cookies and HSTS outside Development,
/// cookies that stop working when the admin's credentials change, and an absolute lifetime that sliding cannot extend.</summary>
public sealed class AdminSessionSecurityTests
{
    // Production refuses an admin account with an unencrypted key ring; these tests are about cookies, not the key ring.
    private const string Config = AdminSession.OneSourceConfig + """, "DataProtection": { "AllowUnencryptedKeys": true }""";

    [Fact]
    public async Task In_production_the_cookies_are_host_prefixed_secure_http_only_and_same_site_strict()
    {
        await using var session = await AdminSession.StartAsync(Config, environment: "Production");

        using var page = await session.Client.GetAsync("/admin/sign-in", TestContext.Current.CancellationToken);
        var antiforgery = Assert.Single(SetCookies(page), c => c.StartsWith("__Host-Dashboard.Antiforgery=", StringComparison.Ordinal));
        var token = AdminSession.Token(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var signedIn = await session.PostAsync("/admin/sign-in", "admin-sign-in", [new("Input.UserName", AdminSession.UserName), new("Input.Password", AdminSession.Password)], token);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var admin = Assert.Single(SetCookies(signedIn), c => c.StartsWith("__Host-Dashboard.Admin=", StringComparison.Ordinal));

        foreach (var cookie in new[] { antiforgery, admin })
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=strict", attributes);
            Assert.Contains("path=/", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        }

        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/sources", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task In_production_https_responses_carry_hsts_and_plain_http_ones_do_not()
    {
        await using var session = await AdminSession.StartAsync(Config, environment: "Production");

        // Not "localhost": the framework leaves loopback names out of HSTS on purpose.
        using var https = session.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://dashboard.example") });
        using var http = session.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://dashboard.example") });
        using var secure = await https.GetAsync("/admin/sign-in", TestContext.Current.CancellationToken);
        using var plain = await http.GetAsync("/admin/sign-in", TestContext.Current.CancellationToken);

        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Behind_a_known_proxy_that_terminated_tls_responses_carry_hsts()
    {
        const string proxy = "10.1.2.3";
        await using var session = await AdminSession.StartAsync(
            Config + $$""", "ForwardedHeaders": { "KnownProxies": [ "{{proxy}}" ] }""",
            configureServices: services => services.AddSingleton<IStartupFilter>(new PeerAddressStartupFilter(IPAddress.Parse(proxy))),
            environment: "Production");
        using var http = session.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://dashboard.example") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/sign-in");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.5");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/d/main")]
    [InlineData("/no-such-page")]
    public async Task In_production_public_pages_still_work_over_plain_http(string url)
    {
        await using var session = await AdminSession.StartAsync(Config, environment: "Production");
        using var http = session.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://dashboard.example") });

        using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(url == "/no-such-page" ? HttpStatusCode.NotFound : HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Something went wrong", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_the_sign_in_page_over_plain_http_says_https_is_needed()
    {
        await using var session = await AdminSession.StartAsync(Config, environment: "Production");
        using var http = session.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://dashboard.example") });

        using var response = await http.GetAsync("/admin/sign-in", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The admin area needs HTTPS", html, StringComparison.Ordinal);
        Assert.Contains("Dashboard:ForwardedHeaders:KnownProxies", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Password", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password changed")]
    [InlineData("admin renamed")]
    [InlineData("admin removed")]
    public async Task A_cookie_stops_working_when_the_admin_account_changes(string change)
    {
        await using var session = await AdminSession.StartAsync(Config);
        await session.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/sources", TestContext.Current.CancellationToken)).StatusCode);

        // As an edited appsettings.json would: a new configuration source, and the options reload.
        var newPassword = "another horse battery staple";
        var settings = change switch
        {
            "password changed" => new Dictionary<string, string?> { ["Dashboard:Admin:PasswordHash"] = AdminCredentials.Hash(AdminSession.UserName, newPassword) },
            "admin renamed" => new Dictionary<string, string?> { ["Dashboard:Admin:UserName"] = "root" },
            _ => new Dictionary<string, string?> { ["Dashboard:Admin:PasswordHash"] = "" },
        };
        ((IConfigurationBuilder)session.Factory.Services.GetRequiredService<IConfiguration>()).AddInMemoryCollection(settings);

        using var after = await session.Client.GetAsync("/admin/sources", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains(SetCookies(after), c => c.StartsWith("__Host-Dashboard.Admin=;", StringComparison.Ordinal));

        if (change == "password changed")
        {
            using var signedIn = await session.PostFormAsync("/admin/sign-in", "admin-sign-in", [new("Input.UserName", AdminSession.UserName), new("Input.Password", newPassword)]);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/sources", TestContext.Current.CancellationToken)).StatusCode);
        }
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_active()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var session = await AdminSession.StartAsync(Config, AdminSession.AdminSettings("\"SessionAbsoluteLifetime\": \"12:00:00\""), services => services.AddSingleton<TimeProvider>(time));
        await session.SignInAsync();

        // Active every five hours: the 8 h sliding cookie is renewed each time and would live on.
        for (var i = 0; i < 2; i++)
        {
            time.Advance(TimeSpan.FromHours(5));
            Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/sources", TestContext.Current.CancellationToken)).StatusCode);
        }

        time.Advance(TimeSpan.FromHours(2));
        using var ended = await session.Client.GetAsync("/admin/sources", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/admin/sign-in", ended.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Admin\": { \"SessionAbsoluteLifetime\": \"00:00:00\" }", "Dashboard:Admin:SessionAbsoluteLifetime")]
    [InlineData("\"Admin\": { \"SignInUserPermitLimit\": 0 }", "Dashboard:Admin:SignInPermitLimit, SignInUserPermitLimit")]
    [InlineData("\"ForwardedHeaders\": { \"KnownProxies\": [ \"10.1.2\" ] }", "Dashboard:ForwardedHeaders:KnownProxies")]
    [InlineData("\"ForwardedHeaders\": { \"KnownNetworks\": [ \"10.1.0.0\" ] }", "Dashboard:ForwardedHeaders:KnownNetworks")]
    public async Task Security_settings_out_of_range_stop_the_start(string section, string message)
    {
        await using var factory = new DashboardAppFactory($$"""{ {{Config}}, {{section}} }""");

        var error = Record.Exception(() => factory.CreateClient());

        Assert.Contains(message, error?.ToString() ?? "", StringComparison.Ordinal);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
