using System.Net;

namespace Dashboard.Tests.Admin;

/// <summary>Every admin form refused for a validation error comes back with what was typed in it.</summary>
public sealed class AdminFormsKeepInputTests : IAsyncLifetime
{
    private AdminSession session = default!;

    public async ValueTask InitializeAsync()
    {
        session = await AdminSession.StartAsync(AdminSession.OneSourceConfig + """, "DefaultDashboard": "main" """);
        await session.SignInAsync();
    }

    public ValueTask DisposeAsync() => session.DisposeAsync();

    [Fact]
    public async Task The_source_form_keeps_every_typed_field_header_values_included()
    {
        var html = await RefusedAsync("/admin/sources/new?kind=http", "source",
        [
            new("Form.Name", "typed-name"), new("Form.Kind", "http"), new("Form.Url", "ftp://typed.example/x"), new("Form.Path", "typed.path"),
            new("Form.Headers[0].Name", "X-Typed"), new("Form.Headers[0].Value", "typed-header-value"), new("Form.RenderDeadline", "2"),
        ]);

        foreach (var typed in new[] { "typed-name", "ftp://typed.example/x", "typed.path", "X-Typed", "typed-header-value", "value=\"2\"" })
        {
            Assert.Contains(typed, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_dashboard_forms_keep_what_was_typed()
    {
        var details = await RefusedAsync("/admin/dashboards/new", "dashboard-details",
            [new("Details.Slug", "Not A Slug"), new("Details.Title", "Typed title"), new("Details.Description", "Typed description"), new("Details.Columns", "20")]);
        Assert.Contains("value=\"Not A Slug\"", details, StringComparison.Ordinal);
        Assert.Contains("value=\"Typed description\"", details, StringComparison.Ordinal);
        Assert.Contains("value=\"20\"", details, StringComparison.Ordinal);
        Assert.NotNull(AdminSession.FieldError(details, "details-slug-error"));

        var order = await RefusedAsync("/admin/dashboards", "dashboard-settings",
            [new("Settings.Slugs[0]", "main"), new("Settings.Positions[0]", "7"), new("Settings.DefaultDashboard", "nope")]);
        Assert.Contains("value=\"7\"", order, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_import_form_keeps_its_mode()
    {
        var html = await session.ImportAsync("{ not json", "merge");

        Assert.Contains("value=\"merge\" checked", html, StringComparison.Ordinal);
    }

    private async Task<string> RefusedAsync(string url, string form, List<KeyValuePair<string, string>> fields)
    {
        using var response = await session.PostFormAsync(url, form, fields);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html}");
        return html;
    }
}
