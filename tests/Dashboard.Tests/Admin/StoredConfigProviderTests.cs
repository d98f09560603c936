using Dashboard.Configuration;
using Dashboard.Dashboards;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.Sources.Http;
using Dashboard.Storage;
using Dashboard.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Admin;

/// <summary>The file/database rule and several instances sharing one database.</summary>
public sealed class StoredConfigProviderTests(SqliteTempDirectory directory) : IClassFixture<SqliteTempDirectory>
{
    [Fact]
    public async Task The_file_seeds_the_database_once_then_the_database_is_the_truth_and_reset_reseeds()
    {
        await using var store = await StoreAsync();
        var first = Provider(store, FileOptions("File title"));
        await first.InitializeAsync(CancellationToken.None);
        Assert.Equal("File title", first.Current.Options.Dashboards[0].Title);

        await EditTitleAsync(store, "Stored title");

        // A restart with a different file keeps the database's configuration.
        var restarted = Provider(store, FileOptions("Edited file title"));
        await restarted.InitializeAsync(CancellationToken.None);
        Assert.Equal("Stored title", restarted.Current.Options.Dashboards[0].Title);

        await restarted.ResetToFileAsync("admin", CancellationToken.None);
        Assert.Equal("Edited file title", restarted.Current.Options.Dashboards[0].Title);
        Assert.Contains(await store.GetAuditAsync(10, CancellationToken.None), a => a.Action == "reset to file");
    }

    [Fact]
    public async Task Another_instance_picks_up_a_change_when_the_version_moved_and_only_changed_sources_change_fingerprint()
    {
        await using var store = await StoreAsync();
        var one = Provider(store, FileOptions("T"));
        var two = Provider(store, FileOptions("T"));
        await one.InitializeAsync(CancellationToken.None);
        await two.InitializeAsync(CancellationToken.None);
        var changes = new List<(DashboardConfig Previous, DashboardConfig Next)>();
        two.Changed += (previous, next) => changes.Add((previous, next));

        await two.ReloadIfChangedAsync(CancellationToken.None);
        Assert.Empty(changes);

        var item = (await store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Kind == StoredConfigKinds.Source && i.Name == "a");
        var source = StoredConfigDocuments.ReadSource(item);
        source.MaxAge = TimeSpan.FromMinutes(5);
        var saved = await store.SaveConfigItemAsync(
            item with { Json = System.Text.Json.JsonSerializer.Serialize(source, StoredConfigDocuments.Json) }, item.Version, Audit(), CancellationToken.None);
        Assert.False(saved.Conflict);

        await two.ReloadIfChangedAsync(CancellationToken.None);

        var (previous, next) = Assert.Single(changes);
        Assert.Equal(TimeSpan.FromMinutes(5), two.Current.FindSource("a")!.MaxAge);
        Assert.NotEqual(previous.FingerprintOf("a"), next.FingerprintOf("a"));
        Assert.Equal(previous.FingerprintOf("b"), next.FingerprintOf("b"));
    }

    private static AuditEntry Audit() => new(DateTimeOffset.UtcNow, "test", "update", StoredConfigKinds.Source, "a", "");

    private static async Task EditTitleAsync(IDashboardStore store, string title)
    {
        var item = (await store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Kind == StoredConfigKinds.Dashboard);
        var dashboard = StoredConfigDocuments.ReadDashboard(item);
        dashboard.Title = title;
        await store.SaveConfigItemAsync(item with { Json = System.Text.Json.JsonSerializer.Serialize(dashboard, StoredConfigDocuments.Json) }, item.Version, Audit(), CancellationToken.None);
    }

    private async Task<SqliteDashboardStore> StoreAsync()
    {
        var store = new SqliteDashboardStore(new StorageOptions { ConnectionString = directory.NewConnectionString() }, directory.Path);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    private static DashboardOptions FileOptions(string title)
    {
        var options = new DashboardOptions
        {
            Sources =
            {
                ["a"] = new SourceOptions { Kind = "http", Http = new HttpSourceOptions { Url = "http://127.0.0.1:9/a" } },
                ["b"] = new SourceOptions { Kind = "http", Http = new HttpSourceOptions { Url = "http://127.0.0.1:9/b" } },
            },
            Dashboards = [new DashboardDefinition { Slug = "main", Title = title, Panels = [new PanelOptions { Id = "p", Title = "P", Source = "a" }] }],
        };
        DashboardOptionsSetup.Normalize(options);
        return options;
    }

    private static StoredDashboardConfigProvider Provider(IDashboardStore store, DashboardOptions fileOptions)
    {
        var configuration = new ConfigurationBuilder().Build();
        var paths = new JsonPathExpressionValidator();
        var file = new FileDashboardConfigProvider(Options.Create(fileOptions), configuration, paths, NullLogger<FileDashboardConfigProvider>.Instance);
        return new StoredDashboardConfigProvider(file, store, configuration, paths, TimeProvider.System, NullLogger<StoredDashboardConfigProvider>.Instance);
    }
}
