using System.Net;
using Dashboard.Admin;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Admin;

/// <summary>The sign-in limits: on the page's endpoint (any spelling of its path), per user name across addresses,
/// and per client address where the address comes from X-Forwarded-For only through a configured proxy.</summary>
public sealed class AdminSignInLimitTests
{
    private const string ProxyAddress = "10.1.2.3";

    private const string Config = AdminSession.OneSourceConfig;

    [Theory]
    [InlineData("/admin/sign-in/")]
    [InlineData("/Admin/Sign-In/")]
    [InlineData("/admin/sign-in/?ReturnUrl=%2Fadmin")]
    public async Task Sign_in_posts_are_limited_however_the_path_is_spelled(string path)
    {
        await using var session = await StartAsync(Config, peer: "192.0.2.10", "\"SignInPermitLimit\": 2");
        var token = AdminSession.Token(await session.GetPageAsync("/admin/sign-in"));

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await TryAsync(session, path, token, "admin");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await TryAsync(session, path, token, "admin");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains(AdminAuthentication.TooManyAttemptsMessage, await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.NotNull(limited.Headers.RetryAfter);
        await session.GetPageAsync(path);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Attempts_for_one_user_name_are_limited_across_client_addresses(bool throughKnownProxy)
    {
        // Per address a lot is allowed; per user name three. Through a known proxy each attempt has its own client address.
        var config = throughKnownProxy ? Config + $$""", "ForwardedHeaders": { "KnownProxies": [ "{{ProxyAddress}}" ] }""" : Config;
        await using var session = await StartAsync(config, throughKnownProxy ? ProxyAddress : "127.0.0.1", "\"SignInPermitLimit\": 50, \"SignInUserPermitLimit\": 3");
        var token = AdminSession.Token(await session.GetPageAsync("/admin/sign-in"));

        string[] spellings = ["admin", " admin", "ADMIN "];
        for (var i = 0; i < spellings.Length; i++)
        {
            using var allowed = await TryAsync(session, "/admin/sign-in", token, spellings[i], forwardedFor: $"203.0.113.{i + 1}");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Contains("Wrong user name or password", await allowed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using var limited = await TryAsync(session, "/admin/sign-in", token, "admin", forwardedFor: "203.0.113.99");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many sign-in attempts for this user name", await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.NotNull(limited.Headers.RetryAfter);

        // Even the right password waits: the name is limited, not the guess.
        using var right = await TryAsync(session, "/admin/sign-in", token, AdminSession.UserName, forwardedFor: "203.0.113.100", password: AdminSession.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);

        // Another name has its own count.
        using var other = await TryAsync(session, "/admin/sign-in", token, "someone-else", forwardedFor: "203.0.113.101");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [InlineData("\"KnownProxies\": [ \"" + ProxyAddress + "\" ]")]
    [InlineData("\"KnownNetworks\": [ \"10.1.0.0/16\" ]")]
    public async Task Clients_forwarded_by_a_known_proxy_are_limited_separately(string forwardedHeaders)
    {
        await using var session = await StartAsync(Config + $$""", "ForwardedHeaders": { {{forwardedHeaders}} }""", ProxyAddress, "\"SignInPermitLimit\": 2");
        var token = AdminSession.Token(await session.GetPageAsync("/admin/sign-in"));

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await TryAsync(session, "/admin/sign-in", token, $"guess-{i}", forwardedFor: "203.0.113.7");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using (var limited = await TryAsync(session, "/admin/sign-in", token, "guess-2", forwardedFor: "203.0.113.7"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }

        // The admin behind the same proxy is not locked out by another client; a chain ending in a client is read from the right.
        using var admin = await TryAsync(session, "/admin/sign-in", token, AdminSession.UserName, forwardedFor: "198.51.100.1, 203.0.113.8", password: AdminSession.Password);
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", "")]
    [InlineData("::1", "")]
    [InlineData("198.51.100.20", "\"KnownProxies\": [ \"" + ProxyAddress + "\" ]")]
    public async Task X_Forwarded_For_from_a_peer_that_is_not_a_known_proxy_is_ignored(string peer, string forwardedHeaders)
    {
        await using var session = await StartAsync(Config + $$""", "ForwardedHeaders": { {{forwardedHeaders}} }""", peer, "\"SignInPermitLimit\": 2");
        var token = AdminSession.Token(await session.GetPageAsync("/admin/sign-in"));

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await TryAsync(session, "/admin/sign-in", token, $"guess-{i}", forwardedFor: $"203.0.113.{i + 1}");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await TryAsync(session, "/admin/sign-in", token, "guess-2", forwardedFor: "203.0.113.3");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    private static Task<AdminSession> StartAsync(string config, string peer, string adminSettings) =>
        AdminSession.StartAsync(config, AdminSession.AdminSettings(adminSettings), services =>
            services.AddSingleton<IStartupFilter>(new PeerAddressStartupFilter(IPAddress.Parse(peer))));

    private static async Task<HttpResponseMessage> TryAsync(
        AdminSession session, string path, string token, string userName, string? forwardedFor = null, string password = "wrong guess")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(
            [
                new("_handler", "admin-sign-in"),
                new("__RequestVerificationToken", token),
                new("Input.UserName", userName),
                new("Input.Password", password),
            ]),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await session.Client.SendAsync(request);
    }
}
