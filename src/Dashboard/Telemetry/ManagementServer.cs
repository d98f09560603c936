using Dashboard.Metrics;
using Dashboard.Startup;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Dashboard.Telemetry;

/// <summary>The management listener (<see cref="MetricsOptions.ManagementUrl"/>): a second, minimal Kestrel server in
/// the process that answers <c>GET /metrics</c> from the app's own meter provider and 404 to anything else. A server of
/// its own rather than another address of the app's, so the app's Urls / Kestrel settings stay exactly as configured.</summary>
public sealed class ManagementServer(IOptions<MetricsOptions> options, MeterProvider meters, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private WebApplication? server;

    /// <summary>The addresses it listens on once started (with the real port when the URL asked for port 0).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var url = options.Value.ManagementUrl;
        if (!options.Value.Enabled || string.IsNullOrWhiteSpace(url))
        {
            return;
        }

        // Empty: no configuration files or environment of its own, so nothing configured for the app leaks in here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(url);
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggers); // The app's logging; AddLogging keeps an existing factory.
        builder.Services.AddLogging();
        builder.Services.Configure<PrometheusAspNetCoreOptions>(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
        server = builder.Build();
        server.UseOpenTelemetryPrometheusScrapingEndpoint(
            meters,
            static context => context.Request.Path == "/metrics" && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
        server.Run(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new StartupRefusalException(
                $"{MetricsOptions.Section}:ManagementUrl: cannot listen on '{url}' ({ex.Message.TrimEnd('.')}); choose a free address",
                ExitCodes.Listen,
                ex);
        }

        Addresses = [.. (server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(a => new Uri(a))];
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
