using System.Net;
using Dashboard.Configuration;
using Dashboard.Sources.Http;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Admin;

/// <summary>The source form through real form posts (the SQL, retry, breaker and kind-switch parts are in the other file of this class).</summary>
public sealed partial class AdminSourceTests : IAsyncLifetime
{
    private const string Secret = "lit3ral-S3cret-value-77";
    private readonly MappedHostResolver resolver = new(new Dictionary<string, IPAddress[]?> { ["metadata-alias.test"] = [IPAddress.Parse("169.254.169.254")] });
    private FakeUpstream upstream = default!;
    private AdminSession session = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("one", 111);
        upstream.SetValue("two", 222);
        session = await AdminSession.StartAsync($$"""
            "Connections": { "local": { "Provider": "sqlite", "ConnectionString": "Data Source=:memory:" } },
            "Sources": {
              "a": { "Kind": "http", "Http": { "Url": "{{upstream.Url("one")}}", "Path": "value", "Headers": { "Authorization": "Bearer {{Secret}}" }, "Query": { "key": "{{Secret}}-q" } },
                     "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:05", "MaxAge": "00:01:00" },
              "unused": { "Kind": "http", "Http": { "Url": "{{upstream.Url("two")}}", "Path": "value" } },
              "aliased": { "Kind": "http", "Http": { "Url": "http://metadata-alias.test:{{upstream.BaseAddress.Port}}/v/aliased", "Path": "value" } }
            },
            "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "pa", "Type": "stat", "Title": "A", "Source": "a", "Sparkline": false } ] } ]
            """,
            configureServices: services => services.AddSingleton<IHostResolver>(resolver));
        await session.SignInAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await session.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_saved_change_is_used_by_the_next_dashboard_view_without_a_restart()
    {
        Assert.Contains("<span class=\"number\">111</span>", await session.GetPageAsync("/"), StringComparison.Ordinal);

        using var saved = await SaveSourceAsync("a", await VersionOfAsync("a"), url: upstream.Url("two"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await session.GetPageAsync("/");
        Assert.Contains("<span class=\"number\">222</span>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_admins_editing_the_same_source_get_a_conflict_not_a_silent_overwrite()
    {
        var version = await VersionOfAsync("a");

        using var first = await SaveSourceAsync("a", version, url: upstream.Url("two"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var second = await SaveSourceAsync("a", version, url: upstream.Url("one") + "?second");
        var html = await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("changed by someone else", html, StringComparison.Ordinal);
        var stored = StoredConfigDocuments.ReadSource((await Store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Name == "a"));
        Assert.Equal(upstream.Url("two"), stored.Http!.Url);
    }

    [Fact]
    public async Task Secrets_are_never_shown_and_an_empty_value_keeps_the_stored_one()
    {
        var edit = await session.GetPageAsync("/admin/sources/a/edit");
        Assert.Contains("Authorization", edit, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, edit, StringComparison.Ordinal);

        using var saved = await SaveSourceAsync("a", await VersionOfAsync("a"), url: upstream.Url("two"), headerName: "Authorization", headerValue: "");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stored = StoredConfigDocuments.ReadSource((await Store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Name == "a"));
        Assert.Equal($"Bearer {Secret}", stored.Http!.Headers["Authorization"]);
        Assert.Equal($"{Secret}-q", stored.Http.Query["key"]);
        foreach (var url in new[] { "/admin", "/admin/sources", "/admin/sources/a/edit", "/admin/sources/a/delete", "/admin/audit" })
        {
            Assert.DoesNotContain(Secret, await session.GetPageAsync(url), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", "cloud-metadata")]
    [InlineData("http://[fd00:ec2::254]/latest", "cloud-metadata")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1", "metadata")]
    [InlineData("http://metadata-alias.test/latest/meta-data", "resolves to cloud-metadata address 169.254.169.254")]
    [InlineData("ftp://example.com/x", "not an absolute http or https URL")]
    public async Task A_forbidden_url_is_refused_with_a_message_beside_the_field(string url, string message)
    {
        using var response = await SaveSourceAsync("a", await VersionOfAsync("a"), url: url);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches($"id=\"url-error\"[^>]*>[^<]*{System.Text.RegularExpressions.Regex.Escape(message)}", html);
        Assert.Equal(upstream.Url("one"), StoredConfigDocuments.ReadSource((await Store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Name == "a")).Http!.Url);
    }

    [Fact]
    public async Task A_url_whose_host_does_not_resolve_here_is_saved()
    {
        var url = $"http://not-in-dns.test:{upstream.BaseAddress.Port}/v/two";

        // Another origin: the stored header and query values are not carried over, so they are entered again.
        using var saved = await session.PostFormAsync(
            "/admin/sources/a/edit",
            "source",
            [.. Fields("a", await VersionOfAsync("a"), url, headerValue: "Bearer again").Where(f => f.Key != "Form.QueryParameters[0].Value"), new("Form.QueryParameters[0].Value", "q-again")]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, resolver.Lookups("not-in-dns.test"));
        Assert.Equal(url, StoredConfigDocuments.ReadSource((await Store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Name == "a")).Http!.Url);
    }

    [Fact]
    public async Task Testing_a_source_whose_host_resolves_to_a_metadata_address_shows_the_blocked_reason()
    {
        using var response = await session.PostFormAsync("/admin/sources/aliased/test", "test-source", [new("Test.Path", "value")]);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Contains("data-status=\"failed\"", html, StringComparison.Ordinal);
        Assert.Contains("Failed: blocked: 'metadata-alias.test' resolves to cloud-metadata address 169.254.169.254 (never allowed)", html, StringComparison.Ordinal);
        Assert.Equal(0, upstream.Calls("aliased"));
    }

    [Fact]
    public async Task Timing_errors_are_shown_beside_their_fields()
    {
        using var response = await session.PostFormAsync("/admin/sources/a/edit", "source", Fields("a", await VersionOfAsync("a"), upstream.Url("one"), renderDeadline: "9", fetchTimeout: "3"));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Must not be greater than FetchTimeout (3 seconds)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_source_with_a_duplicate_name_is_refused()
    {
        using var response = await session.PostFormAsync("/admin/sources/new?kind=http", "source", Fields("A", null, upstream.Url("one"), headerName: "", queryName: ""));

        Assert.Contains("already exists", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_source_can_be_created_and_a_source_in_use_cannot_be_deleted()
    {
        using (var created = await session.PostFormAsync("/admin/sources/new?kind=http", "source", Fields("brand-new", null, upstream.Url("two"), headerName: "X-Api-Key", headerValue: "k", queryName: "")))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.Contains("data-source=\"brand-new\"", await session.GetPageAsync("/admin/sources"), StringComparison.Ordinal);

        using (var refused = await session.PostFormAsync("/admin/sources/a/delete", "delete-source", [new("Delete.Version", (await VersionOfAsync("a")).ToString(System.Globalization.CultureInfo.InvariantCulture))]))
        {
            Assert.Contains("cannot be deleted while panels use it", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using (var deleted = await session.PostFormAsync("/admin/sources/unused/delete", "delete-source", [new("Delete.Version", (await VersionOfAsync("unused")).ToString(System.Globalization.CultureInfo.InvariantCulture))]))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        var config = session.Factory.Services.GetRequiredService<IDashboardConfigProvider>().Current;
        Assert.Null(config.FindSource("unused"));
        Assert.NotNull(config.FindSource("brand-new"));
        var audit = await session.GetPageAsync("/admin/audit");
        Assert.Contains("brand-new", audit, StringComparison.Ordinal);
        Assert.Contains("delete", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Testing_a_source_shows_status_latency_raw_preview_and_the_selected_value_for_a_path_to_try()
    {
        using var ok = await session.PostFormAsync("/admin/sources/a/test", "test-source", [new("Test.Path", "value")]);
        var html = await ok.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-status=\"ok\"", html, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"selected-value\">111</dd>", html, StringComparison.Ordinal);
        Assert.Contains(" ms</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);

        using var wrongPath = await session.PostFormAsync("/admin/sources/a/test", "test-source", [new("Test.Path", "missing.path")]);
        Assert.Contains("data-status=\"failed\"", await wrongPath.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_source_says_so()
    {
        Assert.Contains("There is no source named", await session.GetPageAsync("/admin/sources/nope/edit"), StringComparison.Ordinal);
        Assert.Contains("There is no dashboard", await session.GetPageAsync("/admin/dashboards/nope/edit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sql_query_that_is_not_one_read_only_statement_is_refused_beside_the_field()
    {
        using var response = await session.PostFormAsync("/admin/sources/new?kind=sql", "source", SqlFields("q", null, "SELECT 1; DROP TABLE t", connection: "nowhere"));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(html, "id=\"query-error\"[^>]*>[^<]*single statement"), html);
        Assert.Matches("id=\"connection-error\"[^>]*>[^<]*Unknown connection", html);
        Assert.Null(session.Factory.Services.GetRequiredService<IDashboardConfigProvider>().Current.FindSource("q"));
    }

    private IDashboardStore Store => session.Store;

    private Task<long> VersionOfAsync(string name) => session.SourceVersionAsync(name);

    private Task<HttpResponseMessage> SaveSourceAsync(string name, long version, string url, string headerName = "Authorization", string headerValue = "") =>
        session.PostFormAsync($"/admin/sources/{name}/edit", "source", Fields(name, version, url, headerName, headerValue));

    private static List<KeyValuePair<string, string>> Fields(
        string name,
        long? version,
        string url,
        string headerName = "Authorization",
        string headerValue = "",
        string renderDeadline = "5",
        string fetchTimeout = "5",
        string queryName = "key",
        (string MaxRetries, string BaseDelay, string Enabled, string Throughput, string Ratio, string Sampling, string Break)? resilience = null)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("Form.Name", name),
            new("Form.Kind", "http"),
            new("Form.Version", version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            new("Form.Shape", "Scalar"),
            new("Form.Url", url),
            new("Form.Method", "GET"),
            new("Form.Path", "value"),
            new("Form.Headers[0].Name", headerName),
            new("Form.Headers[0].Value", headerValue),
            new("Form.QueryParameters[0].Name", queryName),
            new("Form.QueryParameters[0].Value", ""),
            new("Form.RenderDeadline", renderDeadline),
            new("Form.FetchTimeout", fetchTimeout),
            new("Form.MaxAge", "60"),
        ];
        var r = resilience ?? ("0", "0.2", "true", "5", "1", "60", "30");
        fields.AddRange(
        [
            new("Form.Resilience.MaxRetries", r.MaxRetries), new("Form.Resilience.BaseDelay", r.BaseDelay), new("Form.Resilience.BreakerEnabled", r.Enabled),
            new("Form.Resilience.MinimumThroughput", r.Throughput), new("Form.Resilience.FailureRatio", r.Ratio),
            new("Form.Resilience.SamplingDuration", r.Sampling), new("Form.Resilience.BreakDuration", r.Break),
        ]);
        return fields;
    }

    private static List<KeyValuePair<string, string>> SqlFields(string name, long? version, string query, string connection = "local") =>
    [
        new("Form.Name", name), new("Form.Kind", "sql"), new("Form.Version", version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""), new("Form.Shape", "Scalar"),
        new("Form.Connection", connection), new("Form.Query", query), new("Form.CommandTimeout", "5"), new("Form.MaxRows", "10"),
        new("Form.RenderDeadline", "5"), new("Form.FetchTimeout", "5"), new("Form.MaxAge", "60"),
    ];
}
