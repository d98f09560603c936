using System.Text.Json;
using Dashboard.Admin;
using Dashboard.Cluster;
using Dashboard.Configuration;
using Dashboard.Storage;
using Dashboard.Tests.Admin;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Cluster;

/// <summary>In-process app instances sharing one PostgreSQL database, as behind a load balancer, and what the cluster
/// tests do with them: save a dashboard through the admin editor, read what is in force, wait for the listener.</summary>
internal static class ClusterApps
{
    public const string Slug = "main";

    /// <summary>An instance on <paramref name="connectionString"/>, its dashboard a stored (admin-editable) item;
    /// <paramref name="admin"/> goes into the Admin section and <paramref name="more"/> into the Dashboard section.</summary>
    public static async Task<DashboardAppFactory> StartAsync(string connectionString, string admin = "", string more = "", Action<IServiceCollection>? services = null)
    {
        var session = await AdminSession.StartAsync(
            $$"""
            "Storage": { "Provider": "postgres", "ConnectionString": "{{connectionString}}" },
            "Sources": { "s": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/none", "Path": "value" } } },
            "Dashboards": [ { "Slug": "{{Slug}}", "Title": "First", "Panels": [ { "Id": "p", "Title": "P", "Source": "s" } ] } ]
            {{(more.Length > 0 ? "," + more : "")}}
            """,
            AdminSession.AdminSettings(admin),
            services);

        // The factory is what the tests use; the session's client is not needed.
        session.Client.Dispose();
        return session.Factory;
    }

    public static string Title(DashboardAppFactory app) =>
        app.Services.GetRequiredService<IDashboardConfigProvider>().Current.FindDashboard(Slug)!.Title;

    public static IClusterBus Bus(DashboardAppFactory app) => app.Services.GetRequiredService<IClusterBus>();

    /// <summary>What the admin dashboard editor does on Save: the dashboard's JSON at its stored version.</summary>
    public static async Task SaveTitleAsync(DashboardAppFactory app, string title)
    {
        var store = app.Services.GetRequiredService<IDashboardStore>();
        var item = (await store.GetConfigAsync(TestContext.Current.CancellationToken)).Find(StoredConfigKinds.Dashboard, Slug)!;
        var dashboard = JsonSerializer.Deserialize<Dictionary<string, object>>(item.Json)!;
        dashboard["Title"] = title;
        var outcome = await app.Services.GetRequiredService<AdminConfigEditor>()
            .SaveDashboardAsync(Slug, JsonSerializer.Serialize(dashboard), item.Version, "test", TestContext.Current.CancellationToken);
        Assert.True(outcome.Saved, outcome.Conflict ?? string.Join("; ", outcome.Errors.All));
    }

    public static Task UntilListeningAsync(params DashboardAppFactory[] apps) =>
        Http.Eventually.TrueAsync(() => apps.All(a => Bus(a).Status.IsListening), "every instance listens");
}
