using System.Net;
using Dashboard.Admin;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Admin;

/// <summary>Two app instances on one database share the Data Protection key ring: a sign-in cookie issued by one is
/// accepted by the other, and so is a form token, as behind a load balancer without sticky sessions.</summary>
public sealed class AdminInstancesTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public async Task On_a_shared_sqlite_file_a_cookie_and_a_form_token_from_one_instance_work_on_the_other()
    {
        var folder = Directory.CreateTempSubdirectory("dashboard-instances-");
        try
        {
            var file = Path.Combine(folder.FullName, "shared.db").Replace("\\", "/", StringComparison.Ordinal);
            await SignInOnOneAndUseTheOtherAsync($$"""{ "Provider": "sqlite", "ConnectionString": "Data Source={{file}}" }""");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [PostgresFact]
    public async Task On_postgres_a_cookie_and_a_form_token_from_one_instance_work_on_the_other()
    {
        var connectionString = await database.CreateDatabaseAsync();
        await SignInOnOneAndUseTheOtherAsync($$"""{ "Provider": "postgres", "ConnectionString": "{{connectionString}}" }""");
    }

    private static async Task SignInOnOneAndUseTheOtherAsync(string storage)
    {
        var config = $$"""
            "Storage": {{storage}},
            "Sources": { "s": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/none", "Path": "value" } } },
            "Dashboards": [ { "Slug": "main", "Title": "Main board", "Panels": [ { "Id": "p", "Title": "P", "Source": "s" } ] } ]
            """;
        var admin = $"\"UserName\": \"{AdminSession.UserName}\", \"PasswordHash\": \"{AdminCredentials.Hash(AdminSession.UserName, AdminSession.Password)}\"";
        await using var one = await AdminSession.StartAsync(config, admin);
        await using var two = await AdminSession.StartAsync(config, admin);
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = AdminSession.BaseAddress };
        using var toOne = one.Factory.CreateClient(options);
        using var toTwo = two.Factory.CreateClient(options);
        var cookies = new CookieContainer();

        // Sign in on one: its antiforgery cookie and token, then the sign-in cookie.
        var signInPage = await SendAsync(toOne, cookies, HttpMethod.Get, "/admin/sign-in");
        using (var signedIn = await SendAsync(toOne, cookies, HttpMethod.Post, "/admin/sign-in", new FormUrlEncodedContent(
        [
            new("_handler", "admin-sign-in"),
            new("__RequestVerificationToken", AdminSession.Token(await signInPage.Content.ReadAsStringAsync())),
            new("Input.UserName", AdminSession.UserName),
            new("Input.Password", AdminSession.Password),
        ])))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        signInPage.Dispose();
        Assert.Contains(cookies.GetAllCookies(), c => c.Name == "__Host-Dashboard.Admin");

        // The other instance reads that cookie: the admin area opens instead of redirecting to sign-in.
        using (var onTwo = await SendAsync(toTwo, cookies, HttpMethod.Get, "/admin/sources"))
        {
            Assert.Equal(HttpStatusCode.OK, onTwo.StatusCode);
        }

        // A form opened on one and posted to two: the token is accepted and the edit is saved.
        using var form = await SendAsync(toOne, cookies, HttpMethod.Get, "/admin/dashboards/main/panels/p/edit");
        var fields = AdminSession.FormFields(await form.Content.ReadAsStringAsync(), "edit-panel");
        fields.RemoveAll(f => f.Key == "Panel.Title");
        fields.Add(new("Panel.Title", "Saved through two"));
        using var posted = await SendAsync(toTwo, cookies, HttpMethod.Post, "/admin/dashboards/main/panels/p/edit", new FormUrlEncodedContent(
            [new("_handler", "edit-panel"), new("__RequestVerificationToken", AdminSession.Token(await form.Content.ReadAsStringAsync())), .. fields]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("Saved through two", two.Current.FindDashboard("main")?.Panels.Single().Title);

        // What made it work: one key ring, in the database, served by both instances.
        var stored = await one.Store.GetDataProtectionKeysAsync(CancellationToken.None);
        Assert.NotEmpty(stored);
        foreach (var instance in new[] { one, two })
        {
            var keyOptions = instance.Factory.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
            var repository = Assert.IsType<StoredXmlRepository>(keyOptions.XmlRepository);
            Assert.Equal(stored.Select(k => k.Name).Order(), repository.GetAllElements().Select(e => "key-" + e.Attribute("id")?.Value).Order());
        }
    }

    /// <summary>Sends with the cookies collected so far, whichever instance set them, and keeps the new ones.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, CookieContainer cookies, HttpMethod method, string path, HttpContent? content = null)
    {
        var uri = new Uri(client.BaseAddress!, path);
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        var header = cookies.GetCookieHeader(uri);
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                cookies.SetCookies(uri, cookie);
            }
        }

        return response;
    }
}
