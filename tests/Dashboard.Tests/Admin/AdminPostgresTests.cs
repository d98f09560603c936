using System.Net;
using Dashboard.Configuration;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Admin;

/// <summary>Two app instances sharing one PostgreSQL database: an edit on one is picked up by the other
/// (config_version polling), and editing the same item from both gives a conflict.</summary>
public sealed class AdminPostgresTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [PostgresFact]
    public async Task An_edit_on_one_instance_reaches_the_other_and_a_stale_edit_conflicts()
    {
        var connectionString = await database.CreateDatabaseAsync();
        var config = $$"""
            "Storage": { "Provider": "postgres", "ConnectionString": "{{connectionString}}" },
            "Sources": { "s": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/none", "Path": "value" } } },
            "Dashboards": [ { "Slug": "main", "Title": "Main board", "Panels": [ { "Id": "p", "Title": "P", "Source": "s" } ] } ]
            """;
        const string fastPoll = "\"ConfigPollInterval\": \"00:00:00.200\"";
        await using var one = await AdminSession.StartAsync(config, $"\"UserName\": \"{AdminSession.UserName}\", \"PasswordHash\": \"{Dashboard.Admin.AdminCredentials.Hash(AdminSession.UserName, AdminSession.Password)}\", {fastPoll}");
        await using var two = await AdminSession.StartAsync(config, $"\"UserName\": \"{AdminSession.UserName}\", \"PasswordHash\": \"{Dashboard.Admin.AdminCredentials.Hash(AdminSession.UserName, AdminSession.Password)}\", {fastPoll}");
        await one.SignInAsync();
        await two.SignInAsync();
        Assert.Contains("Main board", await two.GetPageAsync("/d/main"), StringComparison.Ordinal);

        var store = one.Factory.Services.GetRequiredService<IDashboardStore>();
        Assert.Equal("postgres", store.Provider);
        var version = (await store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Kind == StoredConfigKinds.Dashboard).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using (var saved = await one.PostFormAsync("/admin/dashboards/main/edit", "dashboard", [new("Form.Json", """{ "Slug": "main", "Title": "Edited on one", "Panels": [ { "Id": "p", "Title": "P", "Source": "s" } ] }"""), new("Form.Version", version)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var provider = two.Factory.Services.GetRequiredService<IDashboardConfigProvider>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (provider.Current.FindDashboard("main")?.Title != "Edited on one" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains("Edited on one", await two.GetPageAsync("/d/main"), StringComparison.Ordinal);

        using var stale = await two.PostFormAsync("/admin/dashboards/main/edit", "dashboard", [new("Form.Json", """{ "Slug": "main", "Title": "Edited on two", "Panels": [] }"""), new("Form.Version", version)]);
        Assert.Contains("changed by someone else", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Edited on one", await one.GetPageAsync("/d/main"), StringComparison.Ordinal);

        // Every page and a posted form work when the database answers asynchronously (a first render before the data is read).
        foreach (var url in new[] { "/admin", "/admin/sources", "/admin/sources/s/edit", "/admin/sources/new?kind=sql", "/admin/sources/s/delete", "/admin/sources/s/test", "/admin/dashboards", "/admin/dashboards/main/edit", "/admin/dashboards/new", "/admin/import", "/admin/audit" })
        {
            await one.GetPageAsync(url);
        }

        var sourceVersion = (await store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Kind == StoredConfigKinds.Source).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var invalid = await one.PostFormAsync("/admin/sources/s/edit", "source",
        [
            new("Form.Name", "s"), new("Form.Kind", "http"), new("Form.Version", sourceVersion), new("Form.Shape", "Scalar"), new("Form.Url", "http://169.254.169.254/"),
            new("Form.Method", "GET"), new("Form.RenderDeadline", "1"), new("Form.FetchTimeout", "5"), new("Form.MaxAge", "30"), new("Form.Resilience.MaxRetries", "0"),
        ]);
        Assert.Contains("cloud-metadata", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var panel = await one.PostFormAsync("/admin/dashboards/main/edit", "add-panel",
            [new("Panel.Title", "Bad"), new("Panel.Type", "stat"), new("Panel.Source", "s"), new("Panel.Width", "1"), new("Panel.Height", "1"), new("Panel.MaxItems", "10"), new("Panel.Thresholds", "x")]);
        Assert.Contains("is not &#x27;value level", await panel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
