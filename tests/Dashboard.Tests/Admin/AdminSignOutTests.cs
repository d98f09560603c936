using System.Net;
using Dashboard.Admin;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Admin;

/// <summary>Sign-out ends the session everywhere: a copy of the admin cookie taken before sign-out is refused after it,
/// on the instance that signed out, on another one sharing PostgreSQL, and on SQLite (one instance) after a restart.</summary>
public sealed class AdminSignOutTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it_and_after_a_restart_on_sqlite()
    {
        // SQLite storage serves one instance at a time (its lock file), so "everywhere" is the next process on the file.
        var folder = Directory.CreateTempSubdirectory("dashboard-sign-out-");
        try
        {
            var file = Path.Combine(folder.FullName, "shared.db").Replace("\\", "/", StringComparison.Ordinal);
            var config = $$"""
                "Storage": { "Provider": "sqlite", "ConnectionString": "Data Source={{file}}" },
                {{AdminSession.OneSourceConfig}}
                """;
            string copied;
            await using (var one = await AdminSession.StartAsync(config))
            {
                copied = await SignInAndCopyCookieAsync(one);
                using var onOne = ThiefClient(one);
                using (var before = await ReplayAsync(onOne, copied))
                {
                    Assert.Equal(HttpStatusCode.OK, before.StatusCode);
                }

                await SignOutAsync(one);
                await AssertRefusedAsync(onOne, copied);
            }

            await using var restarted = await AdminSession.StartAsync(config);
            using var onRestarted = ThiefClient(restarted);
            await AssertRefusedAsync(onRestarted, copied);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [PostgresFact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it_on_every_instance_sharing_postgres()
    {
        var connectionString = await database.CreateDatabaseAsync();
        await ReplayAfterSignOutAsync($$"""{ "Provider": "postgres", "ConnectionString": "{{connectionString}}" }""");
    }

    [Fact]
    public async Task Signing_in_again_after_sign_out_works_and_the_old_copy_stays_refused()
    {
        await using var session = await AdminSession.StartAsync(AdminSession.OneSourceConfig);
        var copied = await SignInAndCopyCookieAsync(session);
        await SignOutAsync(session);
        await session.SignInAsync();

        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/sources", TestContext.Current.CancellationToken)).StatusCode);
        using var thief = ThiefClient(session);
        using var replayed = await ReplayAsync(thief, copied);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
    }

    private static async Task ReplayAfterSignOutAsync(string storage)
    {
        var config = $$"""
            "Storage": {{storage}},
            {{AdminSession.OneSourceConfig}}
            """;
        await using var one = await AdminSession.StartAsync(config);
        await using var two = await AdminSession.StartAsync(config);
        var copied = await SignInAndCopyCookieAsync(one);
        using var onOne = ThiefClient(one);
        using var onTwo = ThiefClient(two);

        // Before sign-out the copy works anywhere: the export downloads.
        foreach (var client in new[] { onOne, onTwo })
        {
            using var before = await ReplayAsync(client, copied);
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.Equal("application/json", before.Content.Headers.ContentType?.MediaType);
        }

        await SignOutAsync(one);

        foreach (var client in new[] { onOne, onTwo })
        {
            await AssertRefusedAsync(client, copied);
        }
    }

    private static async Task AssertRefusedAsync(HttpClient client, string copied)
    {
        using var after = await ReplayAsync(client, copied);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.NotEqual("application/json", after.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Signs the session in and returns its admin cookie as a <c>name=value</c> pair, as a thief would copy it.</summary>
    private static async Task<string> SignInAndCopyCookieAsync(AdminSession session)
    {
        using var signedIn = await session.PostFormAsync(
            "/admin/sign-in", "admin-sign-in", [new("Input.UserName", AdminSession.UserName), new("Input.Password", AdminSession.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AdminCookies.HostPrefix + AdminCookies.AuthenticationName + "=", StringComparison.Ordinal));
        return cookie.Split(';')[0];
    }

    private static async Task SignOutAsync(AdminSession session)
    {
        using var signedOut = await session.PostFormAsync("/admin/sign-out", "admin-sign-out", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("signedOut=true", signedOut.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static HttpClient ThiefClient(AdminSession session) =>
        session.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = AdminSession.BaseAddress });

    private static Task<HttpResponseMessage> ReplayAsync(HttpClient client, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/export");
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
