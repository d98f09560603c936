using Dashboard.Admin;
using Dashboard.Cluster;
using Dashboard.Compression;
using Dashboard.Configuration;
using Dashboard.Configuration.Provisioning;
using Dashboard.Dashboards;
using Dashboard.Demo;
using Dashboard.Health;
using Dashboard.History;
using Dashboard.Live;
using Dashboard.Logging;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.Sources.Engine;
using Dashboard.Sources.Http;
using Dashboard.Sources.Sql;
using Dashboard.Storage;
using Dashboard.TimeRanges;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;

namespace Dashboard.Hosting;

/// <summary>Registers every feature of the app; Program.cs stays a few lines.</summary>
public static class DashboardServiceCollectionExtensions
{
    public const string SourcesHttpClient = "sources";

    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<HttpSourceLimitsOptions>()
            .Bind(configuration.GetSection(HttpSourceLimitsOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpSourceLimitsOptions>>(new ProblemsValidation<HttpSourceLimitsOptions>(o => o.Problems()));
        services.AddOptions<ShapingLimitsOptions>()
            .Bind(configuration.GetSection(ShapingLimitsOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShapingLimitsOptions>>(new ProblemsValidation<ShapingLimitsOptions>(o => o.Problems()));
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection("Dashboard:Demo"));
        services.AddHostedService<DemoEventsTicker>();
        services.AddHostedService<DemoHistorySeeder>();

        // Files (appsettings.json, the provisioning folder) are the truth for the items they define, storage for the
        // items created in the admin area; the composer puts both together (docs/admin.md, "Configuration as code").
        services.AddOptions<ProvisioningOptions>().Bind(configuration.GetSection(ProvisioningOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProvisioningOptions>>(new ProblemsValidation<ProvisioningOptions>(o => o.Problems()));
        services.TryAddSingleton<AppSettingsProvisioning>();
        services.TryAddSingleton<ProvisioningFolder>();
        services.TryAddSingleton<ProvisioningLastGood>();
        services.TryAddSingleton<StoredConfigLayer>();
        services.TryAddSingleton<DashboardConfigComposer>();
        services.TryAddSingleton<IDashboardConfigProvider>(sp => sp.GetRequiredService<DashboardConfigComposer>());
        services.AddHostedService<ProvisioningWatcher>();
        services.AddDashboardAdmin(configuration);
        services.AddDashboardForwardedHeaders(configuration);

        // Outside Development only (UseDashboard): a year, this host only (subdomains are not ours to pin), no preload list.
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddSingleton<IPathExpressionValidator, JsonPathExpressionValidator>();
        services.AddSingleton<ISecretResolver, ConfigurationSecretResolver>();
        services.AddSingleton<SelfAddress>();

        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<LocalInterfaceAddresses>(sp => new LocalInterfaceAddresses(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TargetAddressPolicy>();
        services.AddSingleton<GuardedConnector>();

        // Polly bounds each call; the client itself never times out on its own.
        services.AddHttpClient(SourcesHttpClient, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(sp => new ProxiedTargetCheckHandler(sp.GetRequiredService<TargetAddressPolicy>(), SourcesProxy.From(sp)))
            .ConfigurePrimaryHttpMessageHandler(SourcesHandler);

        services.AddDashboardStorage(configuration, environment.ContentRootPath);
        services.AddSqlSources(configuration, environment.ContentRootPath);
        services.AddStorageIsolation(environment.ContentRootPath);
        services.AddDashboardCluster(configuration);

        services.TryAddSingleton<ISourceFactory, SourceFactory>();
        services.AddMetrics();
        services.AddSingleton<Metrics.DashboardMetrics>();
        services.AddSourceEngine();
        services.AddDashboardTimeRanges();
        services.AddQuietResilienceTelemetry();
        services.AddValueHistory(configuration);

        services.AddRazorComponents().AddDashboardLiveCircuits(configuration);
        services.AddDashboardPanels(configuration);
        services.AddDashboardPageCache(configuration);
        services.AddDashboardCompression(configuration);
        services.AddDashboardLive(configuration);
        services.AddDashboardOps(configuration);
        return services;
    }

    /// <summary>The sources' connection handler: the SSRF guard on every connection, no redirects, the configured proxy only.</summary>
    private static SocketsHttpHandler SourcesHandler(IServiceProvider sp)
    {
        var proxy = SourcesProxy.From(sp);
        return new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            MaxConnectionsPerServer = 64,
            // Headers may carry secrets: never forward them to another host.
            AllowAutoRedirect = false,
            // Only Dashboard:Http:Proxy, never HTTP_PROXY from the environment: a proxy the guard does not know
            // about would be the only address it sees.
            UseProxy = proxy is not null,
            Proxy = proxy,
            // Every new connection re-resolves and re-checks the host: no metadata / private targets (SSRF).
            ConnectCallback = sp.GetRequiredService<GuardedConnector>().ConnectAsync,
        };
    }

    /// <summary>Start-up work before serving: schema migrations, demo data.</summary>
    public static async Task PrepareDashboardAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.PrepareDashboardStorageAsync(cancellationToken);
        if (services.GetService<StorageDatabaseGuard>() is { } guard)
        {
            await guard.CheckAtStartAsync(cancellationToken); // Asks each SQL connection's server who it is.
        }

        await services.PrepareDashboardAdminAsync(cancellationToken);
        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!string.IsNullOrEmpty(demo.SeedConnection))
        {
            await services.SeedDemoDatabaseAsync(demo.SeedConnection, cancellationToken);
        }
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDashboardForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // Sent on HTTPS requests only; behind a TLS-terminating proxy, X-Forwarded-Proto from a known proxy makes them so.
            app.UseHsts();
        }

        app.UseDashboardSecurityHeaders();
        app.MapDashboardOps();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // Error statuses without a body (unknown pages and dashboards: the page sets 404 before streaming; refused form
        // posts, see UseFormPostErrorPages) render the app's status page.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseStaticFiles();
        app.UseDashboardAdmin();
        // After authentication: signed-in viewers are never served a stored page.
        app.UseOutputCache();
        // Inside the page cache, so a page is compressed once per rendering and stored compressed; after authentication,
        // which the BREACH rule needs (CompressionRule). Static assets come pre-compressed from MapStaticAssets.
        app.UseResponseCompression();
        app.UseFormPostErrorPages();
        app.UseAntiforgery();
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            app.MapDemoApi();
        }

        app.MapDashboardLive();
        // The framework's assets (blazor.web.js) and the app's wwwroot (css, js; static web assets, see Dashboard.csproj):
        // pre-compressed at publish (.br/.gz), fingerprinted URLs (@Assets[…]) cached by the browser for good. Files that are
        // not in the manifest (added to wwwroot after publish) are served by UseStaticFiles; in Development the framework
        // would otherwise route those through a fallback that warns on every request that they are not in its manifest.
        ((IConfigurationBuilder)app.Configuration).AddInMemoryCollection([new("DisableStaticAssetNotFoundRuntimeFallback", "true")]);
        app.MapStaticAssets();
        app.MapRazorComponents<Components.App>().MapDashboardLiveCircuits(app.Configuration);
        return app;
    }
}
