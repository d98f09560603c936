using System.Net;
using Dashboard.Configuration;
using Dashboard.Sources.Http;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Admin;

/// <summary>What an admin can do with secrets through real form posts: only <c>Secrets:</c> names resolve, the test
/// page never shows a resolved value, and stored write-only values never follow a source to another origin.</summary>
public sealed class AdminSecretSafetyTests
{
    private const string Stored = "st0red-L1teral-secret-42";
    private const string Token = "tok-reflected-8d7c6b5a";
    private const string OtherSecret = "api-token-value";

    [Fact]
    public async Task A_reference_to_any_other_configuration_key_is_refused_when_saving()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var session = await StartAsync(upstream.Url("one"));
        var version = await session.SourceVersionAsync("a");

        using var response = await SaveAsync(session, upstream.Url("one"), ("Form.Headers[0].Value", "Bearer {secret:Dashboard:Storage:ConnectionString}"));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("secret name &#x27;Dashboard:Storage:ConnectionString&#x27; is not allowed", html, StringComparison.Ordinal);
        Assert.Equal(version, await session.SourceVersionAsync("a"));
    }

    [Fact]
    public async Task A_reference_to_a_secret_that_is_not_set_is_refused_naming_the_variable_to_set()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var session = await StartAsync(upstream.Url("one"));
        var version = await session.SourceVersionAsync("a");

        using var response = await SaveAsync(session, upstream.Url("one"), ("Form.Headers[0].Value", "Bearer {secret:NOT_SET_ANYWHERE}"));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("secret &#x27;NOT_SET_ANYWHERE&#x27; is not set (configuration key Secrets:NOT_SET_ANYWHERE, environment variable Secrets__NOT_SET_ANYWHERE)", html, StringComparison.Ordinal);
        Assert.Equal(version, await session.SourceVersionAsync("a"));

        using var saved = await SaveAsync(session, upstream.Url("one"), ("Form.Headers[0].Value", "Bearer {secret:API_TOKEN}"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task The_test_page_masks_a_secret_the_upstream_reflects_in_the_selected_value_and_the_raw_response()
    {
        await using var reflector = await ReflectingUpstreamAsync();
        var url = new Uri(new Uri(reflector.Urls.First()), "/reflect").ToString();
        await using var session = await StartAsync(url, header: "Bearer {secret:REFLECTED}", path: "auth");

        var page = await session.GetPageAsync("/admin/sources/a/test");
        using var response = await session.PostAsync("/admin/sources/a/test", "test-source", [new("Test.Path", "auth")], AdminSession.Token(page));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-status=\"ok\"", html, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"selected-value\">***</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"raw-preview\">{&quot;auth&quot;:&quot;***&quot;,&quot;other&quot;:&quot;***&quot;}</pre>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, html, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherSecret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(Token), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_values_are_not_kept_when_the_url_moves_to_another_origin_unless_entered_again()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var session = await StartAsync(upstream.Url("one"));
        var version = await session.SourceVersionAsync("a");
        var elsewhere = $"http://not-in-dns.test:{upstream.BaseAddress.Port}/v/one";

        // Same origin, other path: the stored values stay.
        using (var samePlace = await SaveAsync(session, upstream.Url("two")))
        {
            Assert.Equal(HttpStatusCode.Redirect, samePlace.StatusCode);
        }

        Assert.Equal($"Bearer {Stored}", StoredConfigDocuments.ReadSource(await session.SourceItemAsync("a")).Http!.Headers["Authorization"]);
        version = await session.SourceVersionAsync("a");

        // Another host: both values must be entered again, and the form says which and why.
        using var moved = await SaveAsync(session, elsewhere);
        var html = await moved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var origins = $"the URL&#x27;s origin changed from http://127.0.0.1:{upstream.BaseAddress.Port} to http://not-in-dns.test:{upstream.BaseAddress.Port}";
        Assert.Contains($"Header &#x27;Authorization&#x27;: its stored value was dropped because {origins}; enter it again", html, StringComparison.Ordinal);
        Assert.Contains($"Query parameter &#x27;key&#x27;: its stored value was dropped because {origins}; enter it again", html, StringComparison.Ordinal);
        Assert.Equal(version, await session.SourceVersionAsync("a"));

        using var reentered = await SaveAsync(session, elsewhere, ("Form.Headers[0].Value", "Bearer new-value"), ("Form.QueryParameters[0].Value", "new-q"));
        Assert.Equal(HttpStatusCode.Redirect, reentered.StatusCode);
        var http = StoredConfigDocuments.ReadSource(await session.SourceItemAsync("a")).Http!;
        Assert.Equal(elsewhere, http.Url);
        Assert.Equal("Bearer new-value", http.Headers["Authorization"]);
        Assert.Equal("new-q", http.Query["key"]);
    }

    [Fact]
    public async Task An_import_that_moves_a_source_to_another_origin_drops_its_stored_values_and_says_so()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var session = await StartAsync(upstream.Url("one"));
        var elsewhere = $"http://not-in-dns.test:{upstream.BaseAddress.Port}/v/one";
        var json = $$"""
            { "Sources": { "a": { "Kind": "http", "Http": { "Url": "{{elsewhere}}", "Path": "value",
                                  "Headers": { "Authorization": "" }, "Query": { "key": "" } } } } }
            """;

        var html = await session.ImportAsync(json, "merge");

        Assert.Contains("Imported (merged)", html, StringComparison.Ordinal);
        Assert.Contains("2 stored value(s) were dropped", html, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Sources:a:Http:Headers:Authorization: its stored value was dropped because the URL&#x27;s origin changed", html, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Sources:a:Http:Query:key:", html, StringComparison.Ordinal);
        var http = StoredConfigDocuments.ReadSource(await session.SourceItemAsync("a")).Http!;
        Assert.Equal(elsewhere, http.Url);
        Assert.Empty(http.Headers);
        Assert.Empty(http.Query);
        Assert.DoesNotContain(Stored, (await session.Store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Name == "a").Json, StringComparison.Ordinal);
    }

    private static async Task<AdminSession> StartAsync(string url, string header = $"Bearer {Stored}", string path = "value")
    {
        var session = await AdminSession.StartAsync(
            $$"""
            "Sources": {
              "a": { "Kind": "http", "Http": { "Url": "{{url}}", "Path": "{{path}}", "Headers": { "Authorization": "{{header}}" }, "Query": { "key": "{{Stored}}-q" } },
                     "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:05", "MaxAge": "00:00:00" }
            },
            "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "pa", "Type": "stat", "Title": "A", "Source": "a" } ] } ]
            """,
            configureServices: services => services
                .AddSecrets(new() { ["API_TOKEN"] = OtherSecret, ["REFLECTED"] = Token })
                .AddSingleton<IHostResolver>(new MappedHostResolver(new Dictionary<string, IPAddress[]?>()))); // No real DNS lookups.
        await session.SignInAsync();
        return session;
    }

    /// <summary>Posts the source form as the edit page rendered it, with the URL and the given fields replaced.</summary>
    private static async Task<HttpResponseMessage> SaveAsync(AdminSession session, string url, params (string Name, string Value)[] changes)
    {
        const string Page = "/admin/sources/a/edit";
        var html = await session.GetPageAsync(Page);
        var fields = AdminSession.FormFields(html, "source")
            .Select(f => f.Key == "Form.Url" ? new(f.Key, url) : f)
            .Select(f => changes.FirstOrDefault(c => c.Name == f.Key) is { Name: not null } change ? new(f.Key, change.Value) : f)
            .ToList();
        return await session.PostAsync(Page, "source", fields, AdminSession.Token(html));
    }

    /// <summary>A careless upstream that answers with the Authorization header it was sent, and with another secret
    /// of this app that it happens to know (the same key used for two services), which this source did not send.</summary>
    private static async Task<WebApplication> ReflectingUpstreamAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/reflect", (HttpRequest request) => Results.Json(new { auth = request.Headers.Authorization.ToString(), other = OtherSecret }));
        await app.StartAsync();
        return app;
    }
}
