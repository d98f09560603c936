using Dashboard.Admin;
using Dashboard.Configuration;
using Dashboard.Dashboards;
using Dashboard.Demo;
using Dashboard.Health;
using Dashboard.Live;
using Dashboard.Sources;
using Dashboard.Sources.Engine;
using Dashboard.Sources.Http;
using Dashboard.Sources.Sql;
using Dashboard.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Hosting;

/// <summary>Registers every feature of the app; Program.cs stays a few lines.</summary>
public static class DashboardServiceCollectionExtensions
{
    public const string SourcesHttpClient = "sources";

    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DashboardOptions>()
            .Bind(configuration.GetSection(DashboardOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<DashboardOptions>, DashboardOptionsSetup>();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidation>();
        services.AddOptions<HttpSourceLimitsOptions>()
            .Bind(configuration.GetSection("Dashboard:Http"))
            .Validate(o => o.MaxResponseBytes > 0, "Dashboard:Http:MaxResponseBytes must be greater than 0")
            .ValidateOnStart();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection("Dashboard:Demo"));

        // The database is the truth once seeded from the file (docs/admin.md); the file provider feeds the seed.
        services.TryAddSingleton<FileDashboardConfigProvider>();
        services.TryAddSingleton<StoredDashboardConfigProvider>();
        services.TryAddSingleton<IDashboardConfigProvider>(sp => sp.GetRequiredService<StoredDashboardConfigProvider>());
        services.AddDashboardAdmin(configuration);
        services.AddSingleton<IPathExpressionValidator, JsonPathExpressionValidator>();
        services.AddSingleton<ISecretResolver, ConfigurationSecretResolver>();
        services.AddSingleton<SelfAddress>();

        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<TargetAddressPolicy>();
        services.AddSingleton<GuardedConnector>();

        // Polly bounds each call; the client itself never times out on its own.
        services.AddHttpClient(SourcesHttpClient, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                MaxConnectionsPerServer = 64,
                // Headers may carry secrets: never forward them to another host.
                AllowAutoRedirect = false,
                // Every new connection re-resolves and re-checks the host: no link-local / metadata targets (SSRF).
                ConnectCallback = sp.GetRequiredService<GuardedConnector>().ConnectAsync,
            });

        services.AddDashboardStorage(configuration, environment.ContentRootPath);
        services.AddSqlSources(configuration, environment.ContentRootPath);

        services.TryAddSingleton<ISourceFactory, SourceFactory>();
        services.AddMetrics();
        services.AddSingleton<Metrics.DashboardMetrics>();
        services.AddSingleton<SourceStatusBoard>();
        services.AddSingleton<SourcePipelines>();
        services.AddSingleton<SourceEngine>();
        services.AddSingleton<PersistenceQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<PersistenceQueue>());
        services.AddHostedService<HistoryPruner>();

        services.AddRazorComponents();
        services.AddDashboardPageCache(configuration);
        services.AddDashboardLive(configuration);
        services.AddDashboardOps(configuration);
        return services;
    }

    /// <summary>Start-up work before serving: schema migrations, demo data.</summary>
    public static async Task PrepareDashboardAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.MigrateDashboardStorageAsync(cancellationToken);
        await services.PrepareDashboardAdminAsync(cancellationToken);
        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!string.IsNullOrEmpty(demo.SeedConnection))
        {
            await services.SeedDemoDatabaseAsync(demo.SeedConnection, cancellationToken);
        }
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDashboardSecurityHeaders();
        app.MapDashboardOps();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // Unknown pages and dashboards (the page sets 404 before streaming) render the not-found page.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStaticFiles();
        app.UseDashboardAdmin();
        // After authentication: signed-in viewers are never served a stored page.
        app.UseOutputCache();
        app.UseAntiforgery();
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            app.MapDemoApi();
        }

        app.MapDashboardLive();
        // The framework's own assets (blazor.web.js): compressed, fingerprinted and cached by the browser for good.
        app.MapStaticAssets();
        app.MapRazorComponents<Components.App>();
        return app;
    }
}
