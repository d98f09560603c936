using System.Text.Json;

namespace Dashboard.Tests.Admin;

/// <summary>The admin home page and /health show the version the database holds (<c>config_version</c>), after any
/// number of saves, beside the version in force (which also moves with file changes).</summary>
public sealed class ConfigVersionShownTests
{
    [Fact]
    public async Task Admin_and_health_show_the_stored_configuration_version()
    {
        await using var session = await AdminSession.StartAsync(AdminSession.OneSourceConfig);
        await session.SignInAsync();
        for (var i = 0; i < 3; i++)
        {
            var version = (await session.Store.GetConfigAsync(CancellationToken.None)).Find(Dashboard.Storage.StoredConfigKinds.Dashboard, "main")!.Version;
            using var saved = await session.PostFormAsync("/admin/dashboards/main/edit", "dashboard-details",
                [new("Details.Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Details.Title", $"Title {i}"), new("Details.Columns", "4")]);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        }

        var stored = await session.Store.GetConfigVersionAsync(CancellationToken.None);
        var admin = await session.GetPageAsync("/admin");
        using var health = JsonDocument.Parse(await session.GetPageAsync("/health"));

        Assert.True(stored > 3, $"stored version {stored}");
        Assert.Contains($"stored items at version {stored}", admin, StringComparison.Ordinal);
        Assert.Equal(stored, health.RootElement.GetProperty("configuration").GetProperty("storedVersion").GetInt64());
    }
}
