using Dashboard.Configuration;
using Dashboard.Sources.Http;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Tests.Configuration;

/// <summary>An edited appsettings.json is re-validated on reload: a bad edit is ignored (the running
/// configuration stays, the errors are logged by key), a good one replaces it and raises Changed.</summary>
public sealed class FileDashboardConfigProviderTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("dashboard-config-");
    private readonly FakeLoggerProvider logs = new();
    private readonly ILoggerFactory loggerFactory;

    public FileDashboardConfigProviderTests() => loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

    private string File => Path.Combine(folder.FullName, "appsettings.json");

    private static string Json(string title, string url, string slug = "main") => $$"""
        {
          "Dashboard": {
            "Sources": { "api": { "Kind": "http", "Http": { "Url": "{{url}}", "Path": "value" } } },
            "Dashboards": [ { "Slug": "{{slug}}", "Title": "{{title}}", "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "api" } ] } ]
          }
        }
        """;

    [Fact]
    public void Invalid_reload_is_ignored_and_logged_and_a_later_valid_one_applies()
    {
        System.IO.File.WriteAllText(File, Json("First", "http://127.0.0.1:9/v"));
        var configuration = new ConfigurationBuilder().AddJsonFile(File, optional: false, reloadOnChange: false).Build();
        using var provider = new FileDashboardConfigProvider(
            Microsoft.Extensions.Options.Options.Create(DashboardOptionsSetup.Bind(configuration)),
            configuration,
            new JsonPathExpressionValidator(),
            loggerFactory.CreateLogger<FileDashboardConfigProvider>());
        var changes = new List<(DashboardConfig Previous, DashboardConfig Next)>();
        provider.Changed += (previous, next) => changes.Add((previous, next));
        var original = provider.Current;

        System.IO.File.WriteAllText(File, Json("Broken", "ftp://127.0.0.1/v", slug: "Bad Slug"));
        ReloadFile(configuration);

        Assert.Same(original, provider.Current);
        Assert.Equal("First", provider.Current.FindDashboard("main")!.Title);
        Assert.Empty(changes);
        var rejected = Assert.Single(logs.Collector.GetSnapshot(), e => e.Level == LogLevel.Error);
        Assert.Contains("Dashboard:Sources:api:Http:Url", rejected.Message);
        Assert.Contains("Dashboard:Dashboards:0:Slug", rejected.Message);

        System.IO.File.WriteAllText(File, Json("Second", "http://127.0.0.1:9/w"));
        ReloadFile(configuration);

        Assert.Equal(original.Version + 1, provider.Current.Version);
        Assert.Equal("Second", provider.Current.FindDashboard("main")!.Title);
        Assert.Equal("http://127.0.0.1:9/w", provider.Current.FindSource("api")!.Http!.Url);
        Assert.NotEqual(original.FingerprintOf("api"), provider.Current.FingerprintOf("api"));
        var change = Assert.Single(changes);
        Assert.Same(original, change.Previous);
        Assert.Same(provider.Current, change.Next);
    }

    /// <summary>What the file watcher does on an edit: the JSON provider re-reads the file and signals one reload.
    /// (<c>IConfigurationRoot.Reload()</c> would signal twice: once per provider and once for the root.)</summary>
    private static void ReloadFile(IConfigurationRoot configuration) => configuration.Providers.Single().Load();

    public void Dispose()
    {
        loggerFactory.Dispose();
        folder.Delete(recursive: true);
    }
}
