using System.Globalization;
using System.Net;
using Dashboard.Configuration;
using Dashboard.Panels;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Admin;

/// <summary>The per-field edit form of an existing panel (<c>/admin/dashboards/{slug}/panels/{id}/edit</c>), through HTTP.</summary>
public sealed class AdminPanelEditTests : IAsyncLifetime
{
    private const string EditP2 = "/admin/dashboards/main/panels/p2/edit";
    private FakeUpstream upstream = default!;
    private AdminSession session = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 1500);
        session = await AdminSession.StartAsync($$"""
            "Sources": {
              "s": { "Kind": "http", "Http": { "Url": "{{upstream.Url("v")}}", "Path": "value" }, "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:05" },
              "other": { "Kind": "http", "Http": { "Url": "{{upstream.Url("v")}}", "Path": "value" }, "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:05" }
            },
            "Dashboards": [
              { "Slug": "main", "Title": "Main board", "Panels": [
                { "Id": "p1", "Title": "First", "Source": "s" },
                { "Id": "p2", "Title": "Second", "Source": "s", "Unit": "ms", "Format": "N1", "Width": 2, "Height": 3, "MaxItems": 7, "Sparkline": false,
                  "Thresholds": [ { "Value": 0, "Level": "critical", "Label": "Very low" }, { "Value": 1000.5, "Level": "ok" } ] },
                { "Id": "p3", "Title": "Third", "Source": "s" }
              ] }
            ]
            """);
        await session.SignInAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await session.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task The_dashboard_page_links_each_panel_to_its_edit_form()
    {
        var page = await session.GetPageAsync("/admin/dashboards/main/edit");

        foreach (var id in new[] { "p1", "p2", "p3" })
        {
            Assert.Contains($"href=\"/admin/dashboards/main/panels/{id}/edit\"", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_form_shows_the_stored_values_and_posting_it_unchanged_keeps_the_panel()
    {
        var before = LivePanel("p2");
        var fields = await FormAsync(EditP2);

        Assert.Equal(
            [
                ("Panel.Version", await VersionAsync()), ("Panel.Title", "Second"), ("Panel.Id", "p2"), ("Panel.Unit", "ms"), ("Panel.Format", "N1"),
                ("Panel.Width", "2"), ("Panel.Height", "3"), ("Panel.MaxItems", "7"), ("Panel.Thresholds", "0 critical Very low; 1000.5 ok"),
                ("Panel.Extra[Decimals]", ""), ("Panel.Extra[ChartStyle]", ""), ("Panel.Extra[ThresholdStyle]", ""), ("Panel.Extra[Orientation]", ""),
                ("Panel.Extra[Sort]", ""), ("Panel.Extra[TopN]", ""), ("Panel.Extra[Min]", ""), ("Panel.Extra[Max]", ""),
                ("Panel.Type", "stat"), ("Panel.Source", "s"), ("Panel.Extra[Legend]", "true"),
            ],
            fields.Select(f => (f.Key, f.Value)));

        using var saved = await session.PostFormAsync(EditP2, "edit-panel", fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Json(before), Json(LivePanel("p2")));
    }

    [Fact]
    public async Task An_edit_shows_on_the_next_view_without_a_restart_and_the_panel_keeps_its_position()
    {
        Assert.Contains("<span class=\"unit\">ms</span>", await session.GetPageAsync("/d/main"), StringComparison.Ordinal);

        using var saved = await session.PostFormAsync(EditP2, "edit-panel", With(await FormAsync(EditP2),
            ("Panel.Title", "Revenue"), ("Panel.Unit", "EUR"), ("Panel.Format", "N0"), ("Panel.Width", "1"), ("Panel.Height", "2"),
            ("Panel.Thresholds", "0 critical Low; 1000 ok Healthy")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/admin/dashboards/main/edit?panel=p2&change=saved", saved.Headers.Location!.PathAndQuery);
        Assert.Contains("Saved the panel 'p2' (Revenue).", WebUtility.HtmlDecode(await session.GetPageAsync(saved.Headers.Location.PathAndQuery)), StringComparison.Ordinal);
        using var retyped = await session.PostFormAsync("/admin/dashboards/main/panels/p3/edit", "edit-panel",
            With(await FormAsync("/admin/dashboards/main/panels/p3/edit"), ("Panel.Type", "status"), ("Panel.Id", "health")));
        Assert.Equal(HttpStatusCode.Redirect, retyped.StatusCode);

        var page = await session.GetPageAsync("/d/main");
        Assert.Contains(">Revenue</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"unit\">EUR</span>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"number\">1,500</span>", page, StringComparison.Ordinal);
        Assert.Contains("Healthy", page, StringComparison.Ordinal);
        Assert.Matches("<section class=\"panel panel-stat [^\"]*w-1 h-2\"", page);
        Assert.Matches("<section class=\"panel panel-status [^\"]*\"[^>]*data-panel-id=\"health\"", page);
        Assert.Equal(["p1", "p2", "health"], Panels());
    }

    [Fact]
    public async Task Two_forms_opened_at_the_same_version_the_second_save_conflicts_and_the_first_stays()
    {
        var first = await FormAsync(EditP2);
        var second = await FormAsync(EditP2);

        using var saved = await session.PostFormAsync(EditP2, "edit-panel", With(first, ("Panel.Title", "Mine")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var version = await VersionAsync();
        using var conflicting = await session.PostFormAsync(EditP2, "edit-panel", With(second, ("Panel.Title", "Theirs")));

        Assert.Equal(HttpStatusCode.OK, conflicting.StatusCode);
        Assert.Contains("changed by someone else since you opened it", await conflicting.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("Mine", LivePanel("p2").Title);
        Assert.Equal(version, await VersionAsync());
    }

    [Fact]
    public async Task Every_field_error_shows_at_once_including_a_height_of_0_next_to_a_width_that_is_not_a_number()
    {
        var version = await VersionAsync();

        using var refused = await session.PostFormAsync(EditP2, "edit-panel", With(await FormAsync(EditP2),
            ("Panel.Width", "x"), ("Panel.Height", "0"), ("Panel.MaxItems", "2147483648"), ("Panel.Source", "revnue")));
        var html = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("'x' is not a whole number.", AdminSession.FieldError(html, "panel-width-error"));
        Assert.Equal("Must be between 1 and 3.", AdminSession.FieldError(html, "panel-height-error"));
        Assert.Equal("Must be between 1 and 100.", AdminSession.FieldError(html, "panel-max-items-error"));
        Assert.Equal("Unknown source 'revnue'.", AdminSession.FieldError(html, "panel-source-error"));
        Assert.Equal(version, await VersionAsync());
    }

    [Theory]
    [InlineData("Panel.Width", "x", "panel-width-error", "'x' is not a whole number.")]
    [InlineData("Panel.Width", "9", "panel-width-error", "Must be between 1 and 4.")]
    [InlineData("Panel.Source", "revnue", "panel-source-error", "Unknown source 'revnue'.")]
    [InlineData("Panel.Id", "P1", "panel-id-error", "Another panel on this dashboard already has the id 'P1'.")]
    [InlineData("Panel.Thresholds", "0 critical; high ok", "panel-thresholds-error", "'high ok' is not 'value level [label]' with level ok, warn, critical.")]
    [InlineData("Panel.Format", "X2", "panel-format-error", "'X2' is not a format; use number, percent, percentunit, currency:CODE, bytes, duration[:ms|s|min|h|d], datetime[:pattern], relative, or a .NET numeric format such as N0.")]
    public async Task Invalid_input_is_explained_beside_its_field_and_nothing_is_saved(string field, string value, string errorId, string message)
    {
        var version = await VersionAsync();
        var before = Json(LivePanel("p2"));

        using var refused = await session.PostFormAsync(EditP2, "edit-panel", With(await FormAsync(EditP2), (field, value)));
        var html = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(message, AdminSession.FieldError(html, errorId));
        Assert.Contains("Nothing was saved: please correct the fields marked below.", html, StringComparison.Ordinal);
        Assert.Equal(version, await VersionAsync());
        Assert.Equal(before, Json(LivePanel("p2")));

        // The posted values are shown again for correction, not the stored ones.
        Assert.Contains((field, value), AdminSession.FormFields(html, "edit-panel").Select(f => (f.Key, f.Value)));
    }

    [Fact]
    public async Task An_unknown_dashboard_or_panel_and_a_panel_removed_meanwhile_get_a_clear_message()
    {
        Assert.Contains("There is no dashboard &#x27;nope&#x27;.", await session.GetPageAsync("/admin/dashboards/nope/panels/p1/edit"), StringComparison.Ordinal);
        Assert.Contains("There is no panel &#x27;zz&#x27; on the dashboard &#x27;main&#x27;.", await session.GetPageAsync("/admin/dashboards/main/panels/zz/edit"), StringComparison.Ordinal);

        var form = await FormAsync(EditP2);
        using (var removed = await session.PostFormAsync("/admin/dashboards/main/edit", "layout", [new("Layout.Version", await VersionAsync()), new("Layout.Op", "remove:p2")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        using var gone = await session.PostFormAsync(EditP2, "edit-panel", With(form, ("Panel.Title", "Back again?")));

        Assert.Contains("The panel &#x27;p2&#x27; is no longer on the dashboard &#x27;main&#x27;", await gone.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(["p1", "p3"], Panels());
    }

    [Fact]
    public async Task Signed_out_the_form_redirects_to_sign_in_and_a_post_without_a_token_is_refused()
    {
        var fields = await FormAsync(EditP2);
        using (var tokenless = await session.PostAsync(EditP2, "edit-panel", With(fields, ("Panel.Title", "Forged")), token: null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tokenless.StatusCode);
        }

        Assert.Equal("Second", LivePanel("p2").Title);
        using var anonymous = session.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await anonymous.GetAsync(EditP2, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in?ReturnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task<List<KeyValuePair<string, string>>> FormAsync(string url) => AdminSession.FormFields(await session.GetPageAsync(url), "edit-panel");

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, params (string Name, string Value)[] changes) =>
        [.. fields.Where(f => !changes.Any(c => c.Name == f.Key)), .. changes.Select(c => new KeyValuePair<string, string>(c.Name, c.Value))];

    private DashboardConfig Current => session.Factory.Services.GetRequiredService<IDashboardConfigProvider>().Current;

    private PanelOptions LivePanel(string id) => Current.FindDashboard("main")!.Panels.Single(p => p.Id == id);

    private List<string?> Panels() => [.. Current.FindDashboard("main")!.Panels.Select(p => p.Id)];

    private static string Json(PanelOptions panel) => System.Text.Json.JsonSerializer.Serialize(panel);

    private async Task<string> VersionAsync() =>
        (await session.Factory.Services.GetRequiredService<IDashboardStore>().GetConfigAsync(CancellationToken.None))
            .Find(StoredConfigKinds.Dashboard, "main")!.Version.ToString(CultureInfo.InvariantCulture);
}
