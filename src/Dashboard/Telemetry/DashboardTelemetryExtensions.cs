using Dashboard.Health;
using Dashboard.Hosting;
using Dashboard.Metrics;
using Dashboard.Sources;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dashboard.Telemetry;

/// <summary>OpenTelemetry for the app: the instruments of <see cref="DashboardMetrics"/>, Polly, ASP.NET Core,
/// HttpClient and the runtime, scraped at <c>/metrics</c>; spans of source reads and fetches plus logs and
/// metrics pushed over OTLP only when an endpoint is configured (docs/ops.md).</summary>
public static class DashboardTelemetryExtensions
{
    /// <summary>Polly's meter (resilience events of the source pipelines).</summary>
    public const string PollyMeter = "Polly";

    public const string RuntimeMeter = "System.Runtime";

    /// <summary>Instruments of Blazor's "Microsoft.AspNetCore.Components" meter that are not exported.</summary>
    public static readonly string[] BlazorComponentHistograms =
        ["aspnetcore.components.update_parameters.duration", "aspnetcore.components.render_diff.duration", "aspnetcore.components.render_diff.size"];

    public static IServiceCollection AddDashboardTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>()
            .Bind(configuration.GetSection(MetricsOptions.Section))
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                // A developer's own machine may read it (the README's tour); nothing changes elsewhere.
                if (environment.IsDevelopment() && o.AllowedNetworks.Count == 0 && string.IsNullOrWhiteSpace(o.ManagementUrl))
                {
                    o.AllowedNetworks.AddRange(["127.0.0.1", "::1"]);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>>(new ProblemsValidation<MetricsOptions>(o => o.Problems()));
        services.AddSingleton<ManagementServer>();
        services.AddHostedService(sp => sp.GetRequiredService<ManagementServer>());
        services.AddOptions<TelemetryOptions>()
            .Bind(configuration.GetSection(TelemetryOptions.Section))
            .PostConfigure(o => TelemetryOptions.Fill(o, configuration))
            .Validate(
                o => !o.OtlpRequested || o.OtlpTarget() is not null,
                $"{TelemetryOptions.Section}:OtlpEndpoint (or {TelemetryOptions.StandardEndpointKey}): use an absolute http(s) URL, with OtlpProtocol 'grpc' or 'http/protobuf'")
            .ValidateOnStart();

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("dashboard", serviceVersion: AppInfo.Version))
            .WithMetrics(m => ((IDeferredMeterProviderBuilder)m
                .AddMeter(DashboardMetrics.MeterName, PollyMeter)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()

                // No response cache: each scrape sees the values of that moment. No scope labels: series keep
                // the labels they had before OpenTelemetry.
                .AddPrometheusExporter(o =>
                {
                    o.ScrapeResponseCacheDurationMilliseconds = 0;
                    o.ScopeInfoEnabled = false;
                }))
                .Configure(ConfigureMeters));

        // Exporters are services, so this is decided on the configuration at registration; start-up
        // validation (above) reports an endpoint that is set but unusable.
        if (TelemetryOptions.Read(configuration).OtlpTarget() is { } target)
        {
            telemetry
                .WithTracing(t => t
                    .AddSource(SourceTracing.ActivitySourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = static context => !IsOpsPath(context.Request.Path)))
                .UseOtlpExporter(target.Protocol, target.Endpoint);
        }

        return services;
    }

    private static void ConfigureMeters(IServiceProvider services, MeterProviderBuilder meters)
    {
        // Bound here rather than through IOptions: the meter provider may be built while start-up validation runs (a
        // validator's dependency), and a failure of another key of this section must be reported with the rest, not here.
        var options = services.GetRequiredService<IConfiguration>().GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        var ownFactory = services.GetRequiredService<IMeterFactory>();

        // On .NET 9+ the runtime publishes its own "System.Runtime" meter (GC, memory, CPU, thread pool).
        meters.AddMeter([.. options.AdditionalMeters, .. options.IncludeRuntime ? [RuntimeMeter] : Array.Empty<string>()]);

        // Meters made by an IMeterFactory carry it as their scope. Several apps may share a process (tests):
        // each exports its own, never another app's "Dashboard" or ASP.NET Core meters.
        meters.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, ownFactory) ? MetricStreamConfiguration.Drop : null);

        // Blazor's per-component histograms: a series of buckets per component type (~20 types, 340 series), and a
        // measurement on every component of every page render. The page's own figures (dashboard_page_*) and
        // http_server_request_duration tell what an operator needs; dropped, Blazor does not time components at all.
        foreach (var name in BlazorComponentHistograms)
        {
            meters.AddView(name, MetricStreamConfiguration.Drop);
        }
    }

    /// <summary>Serves <c>GET /metrics</c> (Prometheus text) on the app's public address to the clients in
    /// <see cref="MetricsOptions.AllowedNetworks"/> only; to anyone else it does not exist (404). The management
    /// address (<see cref="ManagementServer"/>) serves it too.</summary>
    public static void MapDashboardMetrics(this WebApplication app, MetricsOptions options)
    {
        var access = new MetricsAccess(options.AllowedNetworks);
        if (options.Enabled && access.Any)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(
                meterProvider: null,
                context => context.Request.Path == "/metrics"
                    && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                    && access.Allows(context.Connection.RemoteIpAddress),
                path: null,
                configureBranchedPipeline: null,
                optionsName: null);
        }
    }

    // Probes and scrapes would drown the page traces.
    private static bool IsOpsPath(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/health");
}
