using Dashboard.Configuration;
using Dashboard.Configuration.Provisioning;
using Dashboard.Sources.Http;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Configuration.Provisioning;

/// <summary>appsettings.json's own items are a provisioning unit like a folder file: an edit applies, a broken edit
/// (syntax or items) keeps the last good version and names the file and line.</summary>
public sealed class AppSettingsProvisioningTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("dashboard-appsettings-");

    private string File => Path.Combine(root.FullName, "appsettings.json");

    private static string Json(string title, string source = "api") => $$"""
        {
          "Dashboard": {
            "Sources": { "api": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/v", "Path": "value" } } },
            "Dashboards": [
              { "Slug": "main", "Title": "{{title}}",
                "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "{{source}}" } ] } ]
          }
        }
        """;

    [Fact]
    public async Task An_edit_applies_and_a_broken_one_keeps_the_last_good_version_with_its_file_and_line()
    {
        System.IO.File.WriteAllText(File, Json("First"));
        var configuration = new ConfigurationBuilder().AddJsonFile(File, optional: false, reloadOnChange: false).Build();
        var composer = Composer(configuration);
        await composer.InitializeAsync(TestContext.Current.CancellationToken);
        var changes = 0;
        composer.Changed += (_, _) => changes++;
        Assert.Equal(new ItemOrigin("appsettings.json", 5), composer.Current.Provenance.DashboardOrigin("main"));

        // A syntax error: the configuration itself cannot reload it; the file's own check says where.
        System.IO.File.WriteAllText(File, Json("Second").Replace("\"Title\"", "\"Title\" \"Title\"", StringComparison.Ordinal));
        await composer.ReloadFilesAsync(TestContext.Current.CancellationToken);
        Assert.Equal("First", composer.Current.FindDashboard("main")!.Title);
        var syntax = Assert.Single(composer.Problems);
        Assert.Equal(("appsettings.json", 5), (syntax.File, syntax.Line));

        // Valid JSON, an invalid item: the key as in the configuration, and its line.
        System.IO.File.WriteAllText(File, Json("Third", source: "ghost"));
        configuration.Reload();
        await composer.ReloadFilesAsync(TestContext.Current.CancellationToken);
        Assert.Equal("First", composer.Current.FindDashboard("main")!.Title);
        var item = Assert.Single(composer.Problems);
        Assert.Equal(("appsettings.json", 6, "Dashboard:Dashboards:0:Panels:0:Source: unknown source 'ghost'"), (item.File, item.Line, item.Message));
        Assert.Equal(0, changes);

        System.IO.File.WriteAllText(File, Json("Fourth"));
        configuration.Reload();
        await composer.ReloadFilesAsync(TestContext.Current.CancellationToken);
        Assert.Equal("Fourth", composer.Current.FindDashboard("main")!.Title);
        Assert.Empty(composer.Problems);
        Assert.Equal(1, changes);

        // Nothing changed: the snapshot (and its version, so every cache) stays.
        var version = composer.Current.Version;
        await composer.ReloadFilesAsync(TestContext.Current.CancellationToken);
        Assert.Equal(version, composer.Current.Version);
    }

    private DashboardConfigComposer Composer(IConfigurationRoot configuration)
    {
        var store = new InMemoryDashboardStore();
        var environment = new TestHostEnvironment { ContentRootPath = root.FullName };
        var folder = new ProvisioningFolder(Options.Create(new ProvisioningOptions()), environment);
        return new DashboardConfigComposer(
            new AppSettingsProvisioning(configuration),
            folder,
            new ProvisioningLastGood(store, folder, TimeProvider.System, NullLogger<ProvisioningLastGood>.Instance),
            new StoredConfigLayer(store),
            store,
            configuration,
            new JsonPathExpressionValidator(),
            TimeProvider.System,
            NullLogger<DashboardConfigComposer>.Instance);
    }

    public void Dispose() => root.Delete(recursive: true);
}
