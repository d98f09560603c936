using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Dashboard.Configuration;
using Dashboard.Storage;
using Dashboard.Tests.Admin;
using Dashboard.Tests.Http;
using Dashboard.Tests.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Tests.Configuration.Provisioning;

/// <summary>Configuration as code on the real app, with a real provisioning folder: file changes apply without a
/// restart, an invalid file keeps the last good version and says where, provisioned items are refused by every admin
/// post and can be copied, removing a file removes its items, exports round-trip, and a database seeded by a version
/// before provisioning starts under the new rules with nothing lost. One subclass per storage provider.</summary>
public abstract class ProvisioningTests : IAsyncLifetime
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private const string ApiSource = """{ "api": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/none", "Path": "value" }, "MaxAge": "00:01:00" } }""";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("dashboard-provisioning-");
    private readonly FakeLoggerProvider logs = new();

    /// <param name="skipReason">Why this provider's tests are skipped (the tests are inherited: skipped at run time).</param>
    protected ProvisioningTests(string? skipReason)
    {
        if (skipReason is not null)
        {
            Assert.Skip(skipReason);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The <c>Storage</c> section's inside for a fresh database, and a store on it.</summary>
    protected abstract Task<(string Json, Func<DapperDashboardStore> Store)> FreshStorageAsync();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        logs.Dispose();
        folder.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_file_change_shows_on_the_page_within_the_debounce_plus_one_second()
    {
        Write("sources/api.json", ApiSource);
        Write("sales.json", Board("Sales v1"));
        await using var session = await StartAsync();
        Assert.Contains("Sales v1", await session.GetPageAsync("/d/sales"), StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        Write("sales.json", Board("Sales v2"));
        await Eventually.ResultAsync(async () => (await session.GetPageAsync("/d/sales")).Contains("Sales v2", StringComparison.Ordinal) ? "shown" : null, "the edit shows", TimeSpan.FromSeconds(10));
        clock.Stop();

        Assert.True(clock.Elapsed < Debounce + TimeSpan.FromSeconds(1), $"the edit showed after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(new Dashboard.Configuration.Provisioning.ItemOrigin(Shown("sales.json"), 1), session.Current.Provenance.DashboardOrigin("sales"));
    }

    [Fact]
    public async Task An_invalid_file_keeps_the_last_good_version_and_reports_file_and_line_on_health_admin_and_log()
    {
        Write("sources/api.json", ApiSource);
        Write("sales.json", Board("Sales v1"));
        await using var session = await StartAsync();
        await session.SignInAsync();
        var version = session.Current.Version;

        // A syntax error on line 3.
        Write("sales.json", "{\n  \"Slug\": \"sales\",\n  \"Title\": \"Broken\" \"Panels\": []\n}");
        var problem = await ProblemAsync(session, "sales.json");
        Assert.Equal(3, problem.Line);
        Assert.Equal(version, session.Current.Version);
        Assert.Contains("Sales v1", await session.GetPageAsync("/d/sales"), StringComparison.Ordinal);

        var health = JsonDocument.Parse(await session.GetPageAsync("/health")).RootElement.GetProperty("configuration");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var reported = Assert.Single(health.GetProperty("problems").EnumerateArray());
        Assert.Equal((Shown("sales.json"), 3), (reported.GetProperty("file").GetString(), reported.GetProperty("line").GetInt32()));
        Assert.StartsWith("column ", reported.GetProperty("message").GetString(), StringComparison.Ordinal);

        var admin = WebUtility.HtmlDecode(await session.GetPageAsync("/admin"));
        Assert.Contains($"{Shown("sales.json")} line 3: column ", admin.Replace("</code>", "", StringComparison.Ordinal).Replace("<code>", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(logs.Collector.GetSnapshot(), e => e.Level == LogLevel.Error && e.Message.Contains($"{Shown("sales.json")} line 3", StringComparison.Ordinal));

        // Valid JSON that names an unknown source (line 5): the same, with the key.
        Write("sales.json", """
            {
              "Slug": "sales",
              "Title": "Sales v2",
              "Panels": [
                { "Id": "p", "Title": "P", "Source": "ghost" } ]
            }
            """);
        problem = await ProblemAsync(session, "sales.json", p => p.Message.Contains("ghost", StringComparison.Ordinal));
        Assert.Equal((5, "Panels:0:Source: unknown source 'ghost'"), (problem.Line, problem.Message));
        Assert.Contains("Sales v1", await session.GetPageAsync("/d/sales"), StringComparison.Ordinal);

        Write("sales.json", Board("Sales v3"));
        await Eventually.TrueAsync(() => Composer(session).Problems.Count == 0, "the problems are resolved");
        Assert.Contains("Sales v3", await session.GetPageAsync("/d/sales"), StringComparison.Ordinal);
        Assert.Equal("healthy", JsonDocument.Parse(await session.GetPageAsync("/health")).RootElement.GetProperty("configuration").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_provisioned_item_is_refused_by_every_post_and_save_a_copy_makes_an_editable_one()
    {
        Write("sources/api.json", ApiSource);
        Write("sales.json", Board("Sales"));
        await using var session = await StartAsync();
        await session.SignInAsync();
        var edit = await session.GetPageAsync("/admin/dashboards/sales/edit");
        Assert.Contains("data-provisioned=", edit, StringComparison.Ordinal);
        Assert.Contains($"{Shown("sales.json")} line 1", edit, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Layout.Positions", edit, StringComparison.Ordinal);
        var before = await session.Store.GetConfigAsync(Ct);

        // Crafted posts, as a browser would send them had the fields been there.
        var refusals = new List<HttpResponseMessage>
        {
            await session.PostFormAsync("/admin/dashboards/sales/edit", "dashboard", [new("Form.Json", Board("Hijacked")), new("Form.Version", "1")]),
            await session.PostFormAsync("/admin/dashboards/sales/edit", "layout", [new("Layout.Version", "1"), new("Layout.Op", "remove:p")]),
            await session.PostFormAsync("/admin/dashboards/sales/edit", "add-panel", [new("Panel.Version", "1"), new("Panel.Title", "X"), new("Panel.Source", "api")]),
            await session.PostFormAsync("/admin/dashboards/sales/edit", "delete-dashboard", [new("Delete.Version", "1")]),
            await session.PostFormAsync("/admin/dashboards/sales/panels/p/edit", "edit-panel", [new("Panel.Version", "1"), new("Panel.Title", "X"), new("Panel.Source", "api"), new("Panel.Action", "save")]),
            await session.PostFormAsync("/admin/sources/api/edit", "source", [new("Form.Name", "api"), new("Form.Kind", "http"), new("Form.Version", "1"), new("Form.Url", "http://127.0.0.1:9/other")]),
            await session.PostFormAsync("/admin/sources/api/delete", "delete-source", [new("Delete.Version", "1")]),
            await session.PostFormAsync("/admin/sources/new?kind=http", "source", [new("Form.Name", "api"), new("Form.Kind", "http"), new("Form.Url", "http://127.0.0.1:9/other")]),
            await session.PostFormAsync("/admin/dashboards/new", "dashboard", [new("Form.Json", Board("New with a taken slug"))]),
        };
        foreach (var response in refusals)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(
                response.StatusCode == HttpStatusCode.BadRequest || body.Contains("is provisioned from", StringComparison.Ordinal),
                $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode}\n{body}");
            Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
            response.Dispose();
        }

        var import = await session.ImportAsync("""{ "Sources": {}, "Dashboards": [ { "Slug": "sales", "Title": "Imported", "Panels": [] } ] }""", "merge");
        Assert.Contains("is provisioned from", import, StringComparison.Ordinal);

        Assert.Equal(before.Items, (await session.Store.GetConfigAsync(Ct)).Items);
        Assert.Equal("Sales", session.Current.FindDashboard("sales")!.Title);
        Assert.Equal("http://127.0.0.1:9/none", session.Current.FindSource("api")!.Http!.Url);

        // Save a copy: stored, editable, the original untouched.
        using (var copied = await session.PostFormAsync("/admin/dashboards/sales/edit", "save-copy", [new("Copy.Name", "sales-mine")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        }

        Assert.Null(session.Current.Provenance.DashboardOrigin("sales-mine"));
        var version = (await session.Store.GetConfigAsync(Ct)).Find(StoredConfigKinds.Dashboard, "sales-mine")!.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var renamed = await session.PostFormAsync("/admin/dashboards/sales-mine/edit", "dashboard-details", [new("Details.Version", version), new("Details.Title", "Mine"), new("Details.Columns", "4")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        Assert.Equal(("Mine", "Sales"), (session.Current.FindDashboard("sales-mine")!.Title, session.Current.FindDashboard("sales")!.Title));

        using (var sourceCopy = await session.PostFormAsync("/admin/sources/api/edit", "save-copy", [new("Copy.Name", "api-mine")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, sourceCopy.StatusCode);
        }

        Assert.Equal("http://127.0.0.1:9/none", session.Current.FindSource("api-mine")!.Http!.Url);
        Assert.Contains("Edit source api-mine", await session.GetPageAsync("/admin/sources/api-mine/edit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_broken_at_start_up_keeps_the_last_good_version_an_earlier_run_saved()
    {
        var (storage, store) = await FreshStorageAsync();
        Write("sources/api.json", ApiSource);
        Write("sales.json", Board("Sales v1"));
        await using (var first = await StartAsync(storage: storage))
        {
            Assert.Contains("Sales v1", await first.GetPageAsync("/d/sales"), StringComparison.Ordinal);
        }

        // A bad deploy: the file is broken when the next run starts.
        Write("sales.json", "{\n  \"Slug\": \"sales\",\n  \"Title\": \"Broken\" \"Panels\": []\n}");
        await using var session = await StartAsync(storage: storage);
        Assert.Contains("Sales v1", await session.GetPageAsync("/d/sales"), StringComparison.Ordinal);
        Assert.Equal(3, (await ProblemAsync(session, "sales.json")).Line);
        Assert.Contains(logs.Collector.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Message.Contains("last good version, saved by an earlier run", StringComparison.Ordinal));

        // Fixed: the new version goes in force and is the one saved; a removed file is forgotten.
        Write("sales.json", Board("Sales v2"));
        await Eventually.TrueAsync(() => Composer(session).Problems.Count == 0, "the problem is resolved");
        Assert.Contains("Sales v2", await session.GetPageAsync("/d/sales"), StringComparison.Ordinal);
        await using var database = store();
        var saved = await Eventually.ResultAsync(
            async () => (await database.GetProvisionedFilesAsync(Ct)).SingleOrDefault(f => f.Path == Shown("sales.json") && System.Text.Encoding.UTF8.GetString(f.Content).Contains("Sales v2", StringComparison.Ordinal)),
            "the fixed version is saved");
        Assert.Equal(Dashboard.Configuration.Provisioning.ProvisioningFileParser.Hash(saved.Content), saved.Hash);

        File.Delete(Path.Combine(folder.FullName, "sales.json"));
        await Eventually.TrueAsync(() => session.Current.FindDashboard("sales") is null, "the dashboard is gone");
        await Eventually.ResultAsync(async () => (await database.GetProvisionedFilesAsync(Ct)).All(f => f.Path != Shown("sales.json")) ? "forgotten" : null, "the removed file is forgotten");
    }

    [Fact]
    public async Task A_removed_file_removes_its_items()
    {
        Write("sources/api.json", ApiSource);
        Write("sales.json", Board("Sales"));
        Write("ops.json", Board("Ops", slug: "ops"));
        await using var session = await StartAsync();
        Assert.Contains("Ops", await session.GetPageAsync("/d/ops"), StringComparison.Ordinal);

        File.Delete(Path.Combine(folder.FullName, "ops.json"));
        await Eventually.TrueAsync(() => session.Current.FindDashboard("ops") is null, "the dashboard is gone");

        using var gone = await session.Client.GetAsync("/d/ops", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(Composer(session).Problems);
        Assert.NotNull(session.Current.FindDashboard("sales"));
    }

    [Fact]
    public async Task Exported_files_round_trip_through_the_folder_into_a_fresh_instance()
    {
        Write("sources/api.json", ApiSource);
        await using (var builder = await StartAsync())
        {
            await builder.SignInAsync();
            var imported = await builder.ImportAsync("""
                {
                  "Sources": { "local": { "Kind": "http", "Shape": "Series", "Http": { "Url": "http://127.0.0.1:9/series", "Path": "points" }, "MaxAge": "00:00:20" } },
                  "Dashboards": [ { "Slug": "built", "Title": "Built in the admin", "Description": "From the UI", "Columns": 3, "Panels": [
                    { "Id": "a", "Type": "stat", "Title": "A", "Source": "api", "Unit": "ms", "Format": "N1", "Width": 2, "Height": 2,
                      "Thresholds": [ { "Value": 0, "Level": "critical", "Label": "Low" }, { "Value": 10, "Level": "ok" } ] },
                    { "Id": "b", "Type": "list", "Title": "B", "Source": "local", "MaxItems": 3 } ] } ]
                }
                """, "merge");
            Assert.DoesNotContain("problem", imported, StringComparison.Ordinal);
            var built = Json(builder.Current.FindDashboard("built"));
            var local = Json(builder.Current.FindSource("local"));

            // One dashboard as a file alone: files may only use sources from files, so it is refused, saying why.
            using (var file = await builder.Client.GetAsync("/admin/export/dashboards/built.json", Ct))
            {
                Write("built.json", await file.Content.ReadAsStringAsync(Ct));
            }

            var refused = await ProblemAsync(builder, "built.json");
            Assert.Contains("unknown source 'local': it was created in the admin area", refused.Message, StringComparison.Ordinal);

            // With its sources (a zip laid out like the folder): the same dashboard comes back from the file, which wins.
            using (var zipped = await builder.Client.GetAsync("/admin/export/dashboards/built.zip", Ct))
            {
                ZipFile.ExtractToDirectory(await zipped.Content.ReadAsStreamAsync(Ct), folder.FullName, overwriteFiles: true);
            }

            await Eventually.TrueAsync(() => builder.Current.Provenance.DashboardOrigin("built") is not null, "the file is in force");
            Assert.Equal(built, Json(builder.Current.FindDashboard("built")));
            Assert.Equal(local, Json(builder.Current.FindSource("local")));
            Assert.NotNull(builder.Current.Provenance.SourceOrigin("local"));
            Assert.Empty(Composer(builder).Problems);

            // Everything in force, as a folder: a fresh instance on a fresh database gets the same dashboard and sources.
            using var zip = await builder.Client.GetAsync("/admin/export/provisioning.zip?scope=all", Ct);
            var second = Directory.CreateTempSubdirectory("dashboard-provisioning-second-");
            try
            {
                ZipFile.ExtractToDirectory(await zip.Content.ReadAsStreamAsync(Ct), second.FullName);
                await using var fresh = await StartAsync(folderPath: second.FullName);

                Assert.Equal(built, Json(fresh.Current.FindDashboard("built")));
                Assert.Equal(local, Json(fresh.Current.FindSource("local")));
                Assert.Equal(Json(builder.Current.FindSource("api")), Json(fresh.Current.FindSource("api")));
                Assert.NotNull(fresh.Current.Provenance.SourceOrigin("local"));
                Assert.Empty(Composer(fresh).Problems);
            }
            finally
            {
                second.Delete(recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_database_seeded_by_the_previous_version_starts_under_the_new_rules_with_nothing_lost()
    {
        const string fileItems = """
            "Sources": { "s": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/none", "Path": "value" } } },
            "Dashboards": [
              { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Title": "P", "Source": "s" } ] },
              { "Slug": "other", "Title": "Other", "Panels": [] } ]
            """;
        var (storage, newStore) = await FreshStorageAsync();

        // What the previous version left: the file's items seeded, then "main" edited and "mine" created in the admin.
        await using (var store = newStore())
        {
            await store.MigrateAsync(Ct);
            var seeded = StoredConfigDocuments.ToItems(Bind("{" + fileItems + "}"));
            await SeedOnceDatabase.SeedAsOlderVersionsDidAsync(store, seeded, Ct);
            var main = (await store.GetConfigAsync(Ct)).Find(StoredConfigKinds.Dashboard, "main")!;
            await store.SaveConfigItemAsync(main with { Json = main.Json.Replace("\"Main\"", "\"Main, edited in the admin\"", StringComparison.Ordinal) }, main.Version, Audit("update"), Ct);
            await store.SaveConfigItemAsync(new StoredConfigItem(StoredConfigKinds.Dashboard, "mine", """{"Slug":"mine","Title":"Mine","Panels":[{"Id":"p","Title":"P","Source":"s"}]}""", 0), null, Audit("create"), Ct);
        }

        await using (var upgraded = await AdminSession.StartAsync($"\"Storage\": {storage}, {fileItems}", provisioned: true))
        {
            await upgraded.SignInAsync();
            var stored = await upgraded.Store.GetConfigAsync(Ct);
            Assert.Equal(ConfigRules.Provisioning, stored.Rules);

            // Identical copies are gone (the file provides them); the admin's edit and creation are kept.
            Assert.Equal(["dashboard:main", "dashboard:mine", "settings:settings"], stored.Items.Select(i => $"{i.Kind}:{i.Name}").Order(StringComparer.Ordinal));
            Assert.Contains("Main, edited in the admin", stored.Find(StoredConfigKinds.Dashboard, "main")!.Json, StringComparison.Ordinal);

            // Files are the truth for their items: the edit is shadowed (listed, downloadable), not in force, not lost.
            Assert.Equal(["Main", "Other", "Mine"], upgraded.Current.Options.Dashboards.Select(d => d.Title));
            Assert.Null(upgraded.Current.Provenance.DashboardOrigin("mine"));
            Assert.Contains("data-shadowed=\"dashboard:main\"", await upgraded.GetPageAsync("/admin"), StringComparison.Ordinal);
            Assert.Contains("Main, edited in the admin", await upgraded.GetPageAsync("/admin/export/stored/dashboards/main.json"), StringComparison.Ordinal);
            var migrate = Assert.Single(await upgraded.Store.GetAuditAsync(20, Ct), a => a.Action == "migrate");
            Assert.Contains("2 stored copies identical to their file item deleted", migrate.Summary, StringComparison.Ordinal);
            Assert.Contains("dashboard 'main' by appsettings.json", migrate.Summary, StringComparison.Ordinal);
        }

        // A restart changes nothing more.
        await using var restarted = await AdminSession.StartAsync($"\"Storage\": {storage}, {fileItems}", provisioned: true);
        Assert.Single(await restarted.Store.GetAuditAsync(20, Ct), a => a.Action == "migrate");
        Assert.Equal(["Main", "Other", "Mine"], restarted.Current.Options.Dashboards.Select(d => d.Title));
    }

    private async Task<AdminSession> StartAsync(string? folderPath = null, string? storage = null)
    {
        storage ??= (await FreshStorageAsync()).Json;
        var provisioning = JsonSerializer.Serialize(new { Path = folderPath ?? folder.FullName, Debounce = "00:00:00.300", PollInterval = "00:00:00.500" });
        return await AdminSession.StartAsync(
            $"\"Storage\": {storage}, \"Provisioning\": {provisioning}",
            configureServices: services => services.AddSingleton<ILoggerProvider>(logs),
            provisioned: true);
    }

    private static async Task<Dashboard.Configuration.Provisioning.ProvisioningProblem> ProblemAsync(
        AdminSession session, string file, Func<Dashboard.Configuration.Provisioning.ProvisioningProblem, bool>? which = null) =>
        await Eventually.ResultAsync(
            () => Task.FromResult(Composer(session).Problems.FirstOrDefault(p => p.File.EndsWith(file, StringComparison.Ordinal) && (which?.Invoke(p) ?? true))),
            $"a problem with {file} is reported");

    private static DashboardConfigComposer Composer(AdminSession session) => session.Factory.Services.GetRequiredService<DashboardConfigComposer>();

    private string Shown(string relative) => Path.Combine(folder.FullName, relative).Replace('\\', '/');

    private void Write(string relative, string content)
    {
        var path = Path.Combine(folder.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static string Board(string title, string slug = "sales") => $$"""
        { "Slug": "{{slug}}", "Title": "{{title}}",
          "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "api" } ] }
        """;

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, StoredConfigDocuments.Json);

    private static DashboardOptions Bind(string json) => DashboardOptionsSetup.Bind(
        new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{ \"Dashboard\": " + json + " }")))
            .Build());

    private static AuditEntry Audit(string action) => new(DateTimeOffset.UtcNow, "admin", action, StoredConfigKinds.Dashboard, "x", "");
}

public sealed class SqliteProvisioningTests(SqliteTempDirectory directory) : ProvisioningTests(null), IClassFixture<SqliteTempDirectory>
{
    protected override Task<(string Json, Func<DapperDashboardStore> Store)> FreshStorageAsync()
    {
        var options = new StorageOptions { ConnectionString = directory.NewConnectionString() };
        return Task.FromResult<(string, Func<DapperDashboardStore>)>((
            JsonSerializer.Serialize(new { Provider = "sqlite", options.ConnectionString }),
            () => new SqliteDashboardStore(options, Path.GetTempPath())));
    }
}

public sealed class PostgresProvisioningTests(PostgresTestDatabase database) : ProvisioningTests(PostgresTestDatabase.SkipReason), IClassFixture<PostgresTestDatabase>
{
    protected override async Task<(string Json, Func<DapperDashboardStore> Store)> FreshStorageAsync()
    {
        var options = new StorageOptions { Provider = "postgres", ConnectionString = await database.CreateDatabaseAsync() };
        return (JsonSerializer.Serialize(new { options.Provider, options.ConnectionString }), () => new PostgresDashboardStore(options));
    }
}
