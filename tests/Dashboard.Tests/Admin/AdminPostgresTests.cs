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
        await using var one = AdminSession.Start(config, $"\"UserName\": \"{AdminSession.UserName}\", \"PasswordHash\": \"{Dashboard.Admin.AdminCredentials.Hash(AdminSession.UserName, AdminSession.Password)}\", {fastPoll}");
        await using var two = AdminSession.Start(config, $"\"UserName\": \"{AdminSession.UserName}\", \"PasswordHash\": \"{Dashboard.Admin.AdminCredentials.Hash(AdminSession.UserName, AdminSession.Password)}\", {fastPoll}");
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
    }
}
