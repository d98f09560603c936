using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

/// <summary>The real app with a test's own configuration (JSON replacing appsettings.json) and its own
/// SQLite file, with <c>Dashboard:Admin:AllowPrivateTargets</c> on (test upstreams listen on 127.0.0.1; a test turns it
/// off in its own JSON). In-memory TestServer by default; call <c>UseKestrel(0)</c> + <c>StartServer()</c>
/// for a real socket on 127.0.0.1.</summary>
public sealed class DashboardAppFactory : WebApplicationFactory<Program>
{
    private readonly string dashboardJson;
    private readonly Action<IServiceCollection>? configureServices;
    private readonly string environment;

    /// <param name="dashboardJson">The <c>Dashboard</c> section as JSON (Storage is added when absent).</param>
    /// <param name="environment">The host environment; "Production" for what only production does (HSTS).</param>
    public DashboardAppFactory(string dashboardJson, Action<IServiceCollection>? configureServices = null, string environment = "Testing")
    {
        this.dashboardJson = dashboardJson;
        this.configureServices = configureServices;
        this.environment = environment;
        DataDirectory = Directory.CreateTempSubdirectory("dashboard-test-").FullName;
    }

    public string DataDirectory { get; }

    /// <summary>This app's provisioning folder (<c>Dashboard:Provisioning:Path</c>), not created until a test does.</summary>
    public string ProvisioningFolder => Path.Combine(DataDirectory, "provisioning");

    /// <summary>Base address when started with Kestrel.</summary>
    public Uri KestrelAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureAppConfiguration((_, config) =>
        {
            // Replace the demo appsettings.json entirely: tests describe their own sources and dashboards.
            config.Sources.Clear();
            var database = Path.Combine(DataDirectory, "dashboard.db").Replace("\\", "/", StringComparison.Ordinal);
            // The provisioning folder is the test's own (absent unless the test creates it), never the repository's.
            var storage = "{\"Logging\":{\"LogLevel\":{\"Default\":\"Warning\"}},\"Dashboard\":{\"Storage\":{\"Provider\":\"sqlite\",\"ConnectionString\":\"Data Source=" + database
                + "\"},\"Admin\":{\"AllowPrivateTargets\":true},\"Provisioning\":{\"Path\":\"" + ProvisioningFolder.Replace("\\", "/", StringComparison.Ordinal) + "\"}}}";
            config.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(storage)));
            config.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("{\"Dashboard\": " + dashboardJson + "}")));
        });
        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the OS temp cleaner will take it.
        }
    }
}
