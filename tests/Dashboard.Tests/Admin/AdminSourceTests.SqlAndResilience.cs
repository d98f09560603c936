using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Configuration;
using Dashboard.Sources;
using Dashboard.Storage;
using Dashboard.Tests.Http;

namespace Dashboard.Tests.Admin;

/// <summary>SQL parameters, retry and circuit-breaker fields and the kind switch of the source form.</summary>
public sealed partial class AdminSourceTests
{
    [Fact]
    public async Task A_new_sql_source_stores_its_parameters_and_its_query_uses_them()
    {
        using (var created = await session.PostFormAsync("/admin/sources/new?kind=sql", "source",
            [.. SqlFields("doubled", null, "SELECT CAST(@n AS INTEGER) * 2"), new("Form.SqlParameters[0].Name", "n"), new("Form.SqlParameters[0].Value", "21"), new("Form.SqlParameters[1].Name", "")]))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var stored = await StoredAsync("doubled");
        Assert.Equal(SourceKinds.Sql, stored.Kind);
        Assert.Equal(new Dictionary<string, string> { ["n"] = "21" }, stored.Sql!.Parameters);

        // Not secrets: the form shows the stored value.
        Assert.Matches("name=\"Form.SqlParameters\\[0\\].Value\"[^>]*value=\"21\"|value=\"21\"[^>]*name=\"Form.SqlParameters\\[0\\].Value\"", await session.GetPageAsync("/admin/sources/doubled/edit"));

        await AddPanelAsync("doubled");
        Assert.Contains("<span class=\"number\">42</span>", await PanelHtmlAsync("pq"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_or_repeated_parameter_name_is_refused_beside_the_field()
    {
        using var response = await session.PostFormAsync("/admin/sources/new?kind=sql", "source",
        [
            .. SqlFields("params", null, "SELECT @a"),
            new("Form.SqlParameters[0].Name", "1st"), new("Form.SqlParameters[0].Value", "x"),
            new("Form.SqlParameters[1].Name", "a"), new("Form.SqlParameters[1].Value", "1"),
            new("Form.SqlParameters[2].Name", "@A"), new("Form.SqlParameters[2].Value", "2"),
        ]);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Matches("id=\"sql-parameters-error\"[^>]*>[^<]*&#x27;1st&#x27; is not a parameter name", html);
        Assert.Matches("id=\"sql-parameters-error\"[^>]*>[^<]*&#x27;@A&#x27; is given more than once", html);
        Assert.Null(Current.FindSource("params"));
    }

    [Fact]
    public async Task Retry_and_breaker_settings_are_stored_and_shown_again()
    {
        using (var saved = await session.PostFormAsync("/admin/sources/a/edit", "source",
            Fields("a", await VersionOfAsync("a"), upstream.Url("one"), resilience: ("3", "0.5", "true", "7", "0.25", "120", "45"))))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var source = Current.FindSource("a")!;
        Assert.Equal(3, source.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), source.Retry.BaseDelay);
        Assert.True(source.CircuitBreaker.Enabled);
        Assert.Equal(7, source.CircuitBreaker.MinimumThroughput);
        Assert.Equal(0.25, source.CircuitBreaker.FailureRatio);
        Assert.Equal(TimeSpan.FromMinutes(2), source.CircuitBreaker.SamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(45), source.CircuitBreaker.BreakDuration);
        Assert.Equal($"Bearer {Secret}", source.Http!.Headers["Authorization"]);

        var page = await session.GetPageAsync("/admin/sources/a/edit");
        foreach (var (name, value) in new[] { ("MaxRetries", "3"), ("BaseDelay", "0.5"), ("MinimumThroughput", "7"), ("FailureRatio", "0.25"), ("SamplingDuration", "120"), ("BreakDuration", "45") })
        {
            Assert.Matches($"name=\"Form.Resilience.{name}\" value=\"{Regex.Escape(value)}\"", page);
        }

        using (var off = await session.PostFormAsync("/admin/sources/a/edit", "source",
            Fields("a", await VersionOfAsync("a"), upstream.Url("one"), resilience: ("0", "0.2", "false", "5", "1", "60", "30"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }

        Assert.False(Current.FindSource("a")!.CircuitBreaker.Enabled);
        Assert.Matches("<option value=\"false\" selected", await session.GetPageAsync("/admin/sources/a/edit"));
    }

    [Fact]
    public async Task Out_of_range_retry_and_breaker_values_are_shown_beside_their_fields_and_nothing_is_saved()
    {
        var version = await VersionOfAsync("a");

        using var response = await session.PostFormAsync("/admin/sources/a/edit", "source",
            Fields("a", version, upstream.Url("one"), resilience: ("11", "120", "true", "1", "1.5", "0.1", "100000")));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing was saved", html, StringComparison.Ordinal);
        Assert.Matches("id=\"max-retries-error\"[^>]*>Must be between 0 and 10\\.", html);
        Assert.Matches("id=\"retry-delay-error\"[^>]*>Must be between 0 and 60 seconds\\.", html);
        Assert.Matches("id=\"breaker-throughput-error\"[^>]*>Must be between 2 and 10000\\.", html);
        Assert.Matches("id=\"breaker-ratio-error\"[^>]*>Must be greater than 0 and at most 1\\.", html);
        Assert.Matches("id=\"breaker-sampling-error\"[^>]*>Must be between 0.5 and 86400 seconds\\.", html);
        Assert.Matches("id=\"breaker-break-error\"[^>]*>Must be between 0.5 and 86400 seconds\\.", html);
        Assert.Equal(version, await VersionOfAsync("a"));
        Assert.Equal(0, Current.FindSource("a")!.Retry.MaxRetries);
    }

    [Fact]
    public async Task An_emptied_number_field_is_a_message_beside_it()
    {
        using var response = await session.PostFormAsync("/admin/sources/a/edit", "source",
            Fields("a", await VersionOfAsync("a"), upstream.Url("one"), resilience: ("0", "", "true", "5", "1", "60", "30")));

        Assert.Matches("id=\"retry-delay-error\"[^>]*>&#x27;&#x27; is not a number of seconds", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_http_source_switched_to_sql_and_back_keeps_its_panels_and_the_next_view_uses_the_new_kind()
    {
        Assert.Contains("<span class=\"number\">111</span>", await PanelHtmlAsync("pa"), StringComparison.Ordinal);

        var switching = await session.GetPageAsync("/admin/sources/a/edit?kind=sql");
        Assert.Contains("including their stored secret values", switching, StringComparison.Ordinal);
        Assert.Contains("id=\"connection\"", switching, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"url\"", switching, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.Kind\" value=\"sql\"", switching, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.RenderDeadline\" value=\"5\"", switching, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, switching, StringComparison.Ordinal);

        using (var toSql = await session.PostFormAsync("/admin/sources/a/edit?kind=sql", "source",
            [.. SqlFields("a", await VersionOfAsync("a"), "SELECT CAST(@v AS INTEGER)"), new("Form.SqlParameters[0].Name", "v"), new("Form.SqlParameters[0].Value", "777")]))
        {
            Assert.True(toSql.StatusCode == HttpStatusCode.Redirect, await toSql.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var item = await session.SourceItemAsync("a");
        Assert.DoesNotContain(Secret, item.Json, StringComparison.Ordinal);
        var stored = StoredConfigDocuments.ReadSource(item);
        Assert.Equal(SourceKinds.Sql, stored.Kind);
        Assert.Null(stored.Http);
        Assert.Equal("a", Current.FindDashboard("main")!.Panels.Single().Source);
        Assert.Equal(SourceKinds.Sql, Current.FindSource("a")!.Kind);
        Assert.Contains("<span class=\"number\">777</span>", await PanelHtmlAsync("pa"), StringComparison.Ordinal);
        var audit = (await Store.GetAuditAsync(10, CancellationToken.None)).First(e => e.ItemName == "a");
        Assert.StartsWith("kind http → sql; ", audit.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, audit.Summary, StringComparison.Ordinal);

        using (var toHttp = await session.PostFormAsync("/admin/sources/a/edit?kind=http", "source",
            Fields("a", await VersionOfAsync("a"), upstream.Url("two"), headerName: "X-Api-Key", headerValue: "new-key", queryName: "")))
        {
            Assert.True(toHttp.StatusCode == HttpStatusCode.Redirect, await toHttp.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var back = Current.FindSource("a")!;
        Assert.Equal(SourceKinds.Http, back.Kind);
        Assert.Null(back.Sql);
        Assert.Equal(["X-Api-Key"], back.Http!.Headers.Keys);
        Assert.Contains("<span class=\"number\">222</span>", await PanelHtmlAsync("pa"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_back_to_http_needs_new_secret_values_as_the_old_ones_are_gone()
    {
        using (var toSql = await session.PostFormAsync("/admin/sources/a/edit?kind=sql", "source", SqlFields("a", await VersionOfAsync("a"), "SELECT 1")))
        {
            Assert.Equal(HttpStatusCode.Redirect, toSql.StatusCode);
        }

        var version = await VersionOfAsync("a");
        using var response = await session.PostFormAsync("/admin/sources/a/edit?kind=http", "source", Fields("a", version, upstream.Url("one"), headerName: "Authorization", headerValue: "", queryName: ""));

        Assert.Contains("Header &#x27;Authorization&#x27; needs a value", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(version, await VersionOfAsync("a"));
    }

    private DashboardConfig Current => session.Current;

    private async Task<SourceOptions> StoredAsync(string name) => StoredConfigDocuments.ReadSource(await session.SourceItemAsync(name));

    /// <summary>The panel's final markup on the next view of the dashboard (panels that wait stream in later in the same response).</summary>
    private async Task<string> PanelHtmlAsync(string panelId) => PanelMarkup.FinalHtml(await session.GetPageAsync("/d/main"), panelId);

    private async Task AddPanelAsync(string source)
    {
        var version = (await Store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Kind == StoredConfigKinds.Dashboard).Version.ToString(CultureInfo.InvariantCulture);
        var json = $$"""
            { "Slug": "main", "Title": "Main", "Panels": [
              { "Id": "pa", "Type": "stat", "Title": "A", "Source": "a", "Sparkline": false },
              { "Id": "pq", "Type": "stat", "Title": "Q", "Source": "{{source}}", "Sparkline": false } ] }
            """;
        using var saved = await session.PostFormAsync("/admin/dashboards/main/edit", "dashboard", [new("Form.Json", json), new("Form.Version", version)]);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
    }
}
