using System.Text.Json;

namespace Dashboard.Tests.Admin;

/// <summary>The configuration version the admin home page and /health show is the one the database holds, after any
/// number of saves (it was a count of changes applied by this instance).</summary>
public sealed class ConfigVersionShownTests
{
    [Fact]
    public async Task Admin_and_health_show_the_stored_configuration_version()
    {
        await using var session = AdminSession.Start(AdminSession.OneSourceConfig);
        await session.SignInAsync();
        for (var i = 0; i < 3; i++)
        {
            using var reset = await session.PostFormAsync("/admin", "reset-config", [new("Reset.Confirm", "yes")]);
        }

        var stored = await session.Store.GetConfigVersionAsync(CancellationToken.None);
        var admin = await session.GetPageAsync("/admin");
        using var health = JsonDocument.Parse(await session.GetPageAsync("/health"));

        Assert.True(stored > 3, $"stored version {stored}");
        Assert.Contains($"Configuration version in force: {stored}.", admin, StringComparison.Ordinal);
        Assert.Equal(stored, health.RootElement.GetProperty("configuration").GetProperty("version").GetInt64());
    }
}
