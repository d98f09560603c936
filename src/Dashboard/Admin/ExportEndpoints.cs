using Dashboard.Configuration;
using Dashboard.Storage;

namespace Dashboard.Admin;

/// <summary>Downloads from the admin area (GETs that change nothing): the stored configuration as one JSON file (for
/// import), and dashboards and sources as provisioning files (<see cref="ProvisioningExport"/>).</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapAdminExports(this IEndpointRouteBuilder app)
    {
        var export = app.MapGroup("/admin/export").RequireAuthorization(AdminAuthentication.Policy);

        export.MapGet("/", async (ConfigTransfer transfer, TimeProvider time, HttpContext context) =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(await transfer.ExportAsync(context.RequestAborted)), "application/json", $"dashboard-config-{time.GetUtcNow():yyyyMMdd-HHmmss}.json"));

        export.MapGet("/dashboards/{slug}.json", (string slug, AdminConfigEditor editor) =>
            editor.InForce.FindDashboard(slug) is { } dashboard
                ? Results.File(ProvisioningExport.DashboardFile(dashboard), "application/json", ProvisioningExport.DashboardFileName(dashboard.Slug))
                : Results.NotFound());

        export.MapGet("/dashboards/{slug}.zip", (string slug, AdminConfigEditor editor) =>
        {
            var config = editor.InForce;
            if (config.FindDashboard(slug) is not { } dashboard)
            {
                return Results.NotFound();
            }

            var sources = dashboard.Panels.Select(p => p.Source).Distinct(StringComparer.OrdinalIgnoreCase).Select(config.FindSource).OfType<Sources.SourceOptions>();
            return Results.File(ProvisioningExport.Zip([dashboard], sources), "application/zip", $"{dashboard.Slug}.zip");
        });

        export.MapGet("/stored/dashboards/{slug}.json", async (string slug, AdminConfigEditor editor, HttpContext context) =>
            (await editor.LoadAsync(context.RequestAborted)).Find(StoredConfigKinds.Dashboard, slug) is { } item
                ? Results.File(ProvisioningExport.DashboardFile(StoredConfigDocuments.ReadNormalizedDashboard(item)), "application/json", ProvisioningExport.DashboardFileName(item.Name))
                : Results.NotFound());

        export.MapGet("/sources/{name}.json", (string name, AdminConfigEditor editor) =>
            editor.InForce.FindSource(name) is { } source
                ? Results.File(ProvisioningExport.SourceFile(source), "application/json", $"{source.Name}.json")
                : Results.NotFound());

        // scope=all: everything in force (to move a configuration into the folder); scope=stored: what was created
        // here and is not in a file yet (to commit next to an existing folder).
        export.MapGet("/provisioning.zip", (string? scope, AdminConfigEditor editor, TimeProvider time) =>
        {
            var config = editor.InForce;
            var all = !string.Equals(scope, "stored", StringComparison.OrdinalIgnoreCase);
            var dashboards = config.Options.Dashboards.Where(d => all || config.Provenance.DashboardOrigin(d.Slug) is null);
            var sources = config.Options.Sources.Values.Where(s => all || config.Provenance.SourceOrigin(s.Name) is null);
            return Results.File(ProvisioningExport.Zip(dashboards, sources), "application/zip", $"provisioning-{(all ? "all" : "stored")}-{time.GetUtcNow():yyyyMMdd-HHmmss}.zip");
        });
        return app;
    }
}
