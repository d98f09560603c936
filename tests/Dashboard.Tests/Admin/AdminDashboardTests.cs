using System.Net;
using Dashboard.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Admin;

public sealed class AdminDashboardTests : IAsyncLifetime
{
    private AdminSession session = default!;

    public async ValueTask InitializeAsync()
    {
        session = await AdminSession.StartAsync("""
            "Sources": { "s": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/none", "Path": "value" } } },
            "Dashboards": [
              { "Slug": "main", "Title": "Main board", "Panels": [ { "Id": "p1", "Title": "First", "Source": "s" }, { "Id": "p2", "Title": "Second", "Source": "s" } ] },
              { "Slug": "other", "Title": "Other board", "Panels": [] }
            ]
            """);
        await session.SignInAsync();
    }

    public ValueTask DisposeAsync() => session.DisposeAsync();

    [Fact]
    public async Task Editing_a_dashboard_reorders_panels_and_shows_on_the_next_view()
    {
        var json = """{ "Slug": "main", "Title": "Renamed board", "Columns": 3, "Panels": [ { "Id": "p2", "Title": "Second", "Source": "s", "Width": 2 }, { "Id": "p1", "Title": "First", "Source": "s", "Type": "status" } ] }""";
        using var saved = await session.PostFormAsync("/admin/dashboards/main/edit", "dashboard", [new("Form.Json", json), new("Form.Version", await VersionAsync("main"))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await session.GetPageAsync("/d/main");
        Assert.Contains("Renamed board", page, StringComparison.Ordinal);
        Assert.Contains("cols-3", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("data-panel-id=\"p2\"", StringComparison.Ordinal) < page.IndexOf("data-panel-id=\"p1\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Broken_json_is_explained_with_its_line_and_column_beside_the_field()
    {
        var json = "{\n  \"Slug\": \"main\",\n  \"Title\": \"X\"\n  \"Columns\": 4\n}";

        using var broken = await session.PostFormAsync("/admin/dashboards/main/edit", "dashboard", [new("Form.Json", json), new("Form.Version", await VersionAsync("main"))]);

        var message = AdminSession.FieldError(await broken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "json-error");
        Assert.StartsWith("Not valid JSON at line 4, column 3", message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_source_or_a_duplicate_slug_is_refused_with_a_message()
    {
        var json = """{ "Slug": "main", "Title": "X", "Panels": [ { "Id": "p", "Title": "P", "Source": "revnue" } ] }""";
        using var unknown = await session.PostFormAsync("/admin/dashboards/main/edit", "dashboard", [new("Form.Json", json), new("Form.Version", await VersionAsync("main"))]);
        Assert.Contains("unknown source", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var duplicate = await session.PostFormAsync("/admin/dashboards/new", "dashboard", [new("Form.Json", """{ "Slug": "other", "Title": "Again" }""")]);
        Assert.Contains("duplicate slug", await duplicate.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Main board", await session.GetPageAsync("/d/main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_dashboard_and_order_can_be_chosen()
    {
        var version = (await Store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Kind == StoredConfigKinds.Settings).Version;
        using var saved = await session.PostFormAsync("/admin/dashboards", "dashboard-settings",
        [
            new("Settings.Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Settings.DefaultDashboard", "other"),
            new("Settings.Slugs[0]", "main"), new("Settings.Positions[0]", "2"),
            new("Settings.Slugs[1]", "other"), new("Settings.Positions[1]", "1"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var home = await session.GetPageAsync("/");
        Assert.Contains("Other board", home, StringComparison.Ordinal);
        Assert.True(home.IndexOf("/d/other", StringComparison.Ordinal) < home.IndexOf("/d/main", StringComparison.Ordinal));

        using var deleteDefault = await session.PostFormAsync("/admin/dashboards/other/edit", "delete-dashboard", [new("Delete.Version", await VersionAsync("other"))]);
        Assert.Contains("default dashboard", await deleteDefault.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var delete = await session.PostFormAsync("/admin/dashboards/main/edit", "delete-dashboard", [new("Delete.Version", await VersionAsync("main"))]);
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        using var gone = await session.Client.GetAsync("/d/main", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_panel_is_added_with_type_unit_size_and_thresholds_and_bad_fields_are_explained()
    {
        var version = await VersionAsync("main");
        using var bad = await session.PostFormAsync("/admin/dashboards/main/edit", "add-panel",
            [new("Panel.Version", version), new("Panel.Title", "Bad"), new("Panel.Type", "stat"), new("Panel.Source", "s"), new("Panel.Width", "9"), new("Panel.Height", "1"), new("Panel.MaxItems", "10"), new("Panel.Thresholds", "low nope")]);
        var badHtml = await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("'low nope' is not 'value level [label]' with level ok, warn, critical.", AdminSession.FieldError(badHtml, "panel-thresholds-error"));
        Assert.Equal("Must be between 1 and 4.", AdminSession.FieldError(badHtml, "panel-width-error"));

        using var tooWide = await session.PostFormAsync("/admin/dashboards/main/edit", "add-panel",
            [new("Panel.Version", version), new("Panel.Title", "Wide"), new("Panel.Type", "stat"), new("Panel.Source", "s"), new("Panel.Width", "9"), new("Panel.Height", "1"), new("Panel.MaxItems", "10")]);
        Assert.Equal("Must be between 1 and 4.", AdminSession.FieldError(await tooWide.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "panel-width-error"));

        using var added = await session.PostFormAsync("/admin/dashboards/main/edit", "add-panel",
        [
            new("Panel.Version", version), new("Panel.Id", "p3"), new("Panel.Title", "Third"), new("Panel.Type", "status"), new("Panel.Source", "s"),
            new("Panel.Unit", "ms"), new("Panel.Width", "2"), new("Panel.Height", "2"), new("Panel.MaxItems", "10"), new("Panel.Thresholds", "0 critical Low; 100 ok"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Added the panel 'p3' (Third).", WebUtility.HtmlDecode(await session.GetPageAsync(added.Headers.Location!.OriginalString)), StringComparison.Ordinal);

        var panel = session.Factory.Services.GetRequiredService<Dashboard.Configuration.IDashboardConfigProvider>().Current.FindDashboard("main")!.Panels.Last();
        Assert.Equal(("p3", "status", "ms", 2, 2), (panel.Id, panel.Type, panel.Unit, panel.Width, panel.Height));
        Assert.Equal([(0d, "critical", "Low"), (100d, "ok", (string?)null)], panel.Thresholds.Select(t => (t.Value, t.Level, t.Label)));
        Assert.Contains("data-panel-id=\"p3\"", await session.GetPageAsync("/d/main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Panels_are_moved_and_removed_with_buttons_and_a_stale_page_conflicts()
    {
        var stale = await VersionAsync("main");
        using (var up = await session.PostFormAsync("/admin/dashboards/main/edit", "layout", [new("Layout.Version", stale), new("Layout.Op", "up:p2")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, up.StatusCode);
        }

        Assert.Equal(["p2", "p1"], Panels());

        using (var conflicting = await session.PostFormAsync("/admin/dashboards/main/edit", "layout", [new("Layout.Version", stale), new("Layout.Op", "remove:p1")]))
        {
            Assert.Contains("changed by someone else", await conflicting.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using (var remove = await session.PostFormAsync("/admin/dashboards/main/edit", "layout", [new("Layout.Version", await VersionAsync("main")), new("Layout.Op", "remove:p1")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        }

        Assert.Equal(["p2"], Panels());
    }

    [Fact]
    public async Task The_layout_form_moves_and_resizes_panels_without_script_and_keeps_what_was_typed_when_refused()
    {
        var page = await session.GetPageAsync("/admin/dashboards/main/edit");
        Assert.Contains("data-editor-grid=\"on\"", page, StringComparison.Ordinal);
        Assert.Contains("class=\"panel ", page, StringComparison.Ordinal); // The dashboard's own panel component, as a preview.
        var fields = AdminSession.FormFields(page, "layout");
        Assert.Contains(new KeyValuePair<string, string>("Layout.Positions[1]", "2"), fields);

        using (var refused = await session.PostFormAsync("/admin/dashboards/main/edit", "layout", await LayoutAsync(("p1", "2", "9", "1"), ("p2", "x", "1", "1"))))
        {
            var html = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal("'x' is not a whole number.", AdminSession.FieldError(html, "position-1-error"));
            Assert.Contains("value=\"x\"", html, StringComparison.Ordinal); // What was typed stays.
            Assert.Contains("<option value=\"9\" selected", html, StringComparison.Ordinal);
        }

        using (var tooWide = await session.PostFormAsync("/admin/dashboards/main/edit", "layout", await LayoutAsync(("p1", "2", "9", "1"), ("p2", "1", "1", "1"))))
        {
            var html = await tooWide.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.StartsWith("9 must be between 1 and 4", AdminSession.FieldError(html, "width-0-error"), StringComparison.Ordinal);
        }

        Assert.Equal(["p1", "p2"], Panels());
        using (var saved = await session.PostFormAsync("/admin/dashboards/main/edit", "layout", await LayoutAsync(("p1", "2", "2", "3"), ("p2", "1", "1", "1"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(["p2", "p1"], Panels());
        var moved = session.Current.FindDashboard("main")!.Panels[1];
        Assert.Equal((2, 3), (moved.Width, moved.Height));
        Assert.Contains("w-2 h-3", await session.GetPageAsync("/d/main"), StringComparison.Ordinal);
    }

    private async Task<List<KeyValuePair<string, string>>> LayoutAsync(params (string Id, string Position, string Width, string Height)[] panels)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Layout.Version", await VersionAsync("main")), new("Layout.Op", "save") };
        for (var i = 0; i < panels.Length; i++)
        {
            fields.Add(new($"Layout.Ids[{i}]", panels[i].Id));
            fields.Add(new($"Layout.Positions[{i}]", panels[i].Position));
            fields.Add(new($"Layout.Widths[{i}]", panels[i].Width));
            fields.Add(new($"Layout.Heights[{i}]", panels[i].Height));
        }

        return fields;
    }

    private List<string?> Panels() =>
        [.. session.Factory.Services.GetRequiredService<Dashboard.Configuration.IDashboardConfigProvider>().Current.FindDashboard("main")!.Panels.Select(p => p.Id)];

    private IDashboardStore Store => session.Factory.Services.GetRequiredService<IDashboardStore>();

    private async Task<string> VersionAsync(string slug) =>
        (await Store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Kind == StoredConfigKinds.Dashboard && i.Name == slug).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
