using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Storage;

public sealed class StorageRegistrationTests(SqliteTempDirectory directory, PostgresTestDatabase postgres)
    : IClassFixture<SqliteTempDirectory>, IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public async Task Without_configuration_sqlite_under_the_content_root_is_registered_and_migrated()
    {
        await using var services = Build([], directory.Path);

        await services.MigrateDashboardStorageAsync(cancellationToken: TestContext.Current.CancellationToken);

        var store = Assert.IsType<SqliteDashboardStore>(services.GetRequiredService<IDashboardStore>());
        Assert.Same(store, services.GetRequiredService<IDashboardStore>());
        Assert.Equal(Path.Combine(directory.Path, "data", "dashboard.db"), store.DatabasePath);
        Assert.True(File.Exists(store.DatabasePath));
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("PostgreSQL")]
    public async Task Postgres_and_its_alias_register_the_postgres_store(string provider)
    {
        // Building the store opens no connection, so no server is needed here.
        await using var services = Build(
            new() { ["Dashboard:Storage:Provider"] = provider, ["Dashboard:Storage:ConnectionString"] = "Host=127.0.0.1;Database=none" },
            directory.Path);

        Assert.Equal("postgres", Assert.IsType<PostgresDashboardStore>(services.GetRequiredService<IDashboardStore>()).Provider);
    }

    [Fact]
    public async Task Invalid_options_fail_start_up_with_the_key_named()
    {
        await using var services = Build(new() { ["Dashboard:Storage:Provider"] = "mysql" }, directory.Path);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Dashboard:Storage:Provider: 'mysql' is not supported; use 'sqlite' or 'postgres'", error.Message);
    }

    [Fact]
    public async Task Command_timeout_binds_from_configuration()
    {
        await using var services = Build(new() { ["Dashboard:Storage:CommandTimeout"] = "00:00:02" }, directory.Path);

        Assert.Equal(TimeSpan.FromSeconds(2), services.GetRequiredService<IOptions<StorageOptions>>().Value.CommandTimeout);
    }

    [PostgresFact]
    public async Task Postgres_is_migrated_and_reachable_through_the_registration()
    {
        await using var services = Build(
            new() { ["Dashboard:Storage:Provider"] = "postgres", ["Dashboard:Storage:ConnectionString"] = postgres.ConnectionString },
            directory.Path);

        await services.MigrateDashboardStorageAsync();
        await services.GetRequiredService<IDashboardStore>().PingAsync(CancellationToken.None);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, string contentRoot)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddDashboardStorage(configuration, contentRoot).BuildServiceProvider();
    }
}
