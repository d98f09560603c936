using Dashboard.Hosting;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace Dashboard.Startup;

/// <summary>The app's life as a process: build, validate every option at once, prepare storage, serve. A start-up that
/// fails for a known reason prints a heading and one line per problem to stderr, no stack trace, and returns its
/// <see cref="ExitCodes">exit code</see>; the exception itself is logged at Debug. Hosted by a test (this assembly is
/// not the process's entry point) the exception is rethrown instead, for the test to inspect.</summary>
public static partial class DashboardHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication? app = null;
        ILogger? logger = null;
        var running = false;
        try
        {
            // The repository root (or the published folder) holds the appsettings.json and wwwroot/ in use.
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = args,
                ContentRootPath = ContentRootLocator.Find(),
            });

            // Blazor's browser script (_framework/blazor.web.js) is a static web asset of a NuGet package. A published folder
            // carries it under wwwroot/; a build output only has a manifest pointing into the package cache, which the host reads
            // by itself in Development alone. Read it in every environment, so `dotnet run` serves the script too (no-op when
            // published: there is no such manifest there).
            builder.WebHost.UseStaticWebAssets();

            // A default that appsettings.json or the environment may override: the host's own "Hosting failed to start" error
            // would repeat, with a stack trace, what the report below says in one line. Its Critical events (a background
            // service that stopped the app) still show.
            ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = [new("Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host", nameof(LogLevel.Critical))],
            });
            builder.Services.AddDashboard(builder.Configuration, builder.Environment);

            app = builder.Build();
            logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardHost).FullName!);

            // Every option now, so one run lists every bad key (the host would only check them after the storage work below).
            app.Services.GetService<IStartupValidator>()?.Validate();
            await app.Services.PrepareDashboardAsync(app.Lifetime.ApplicationStopping);

            app.UseDashboard();
            running = true; // RunAsync disposes the app when it ends, even by an exception.
            await app.RunAsync();
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (IsProcessEntryPoint && ex is not OperationCanceledException)
        {
            var report = StartupFailureReport.From(ex);
            report.WriteTo(Console.Error);
            if (logger is not null && !running)
            {
                LogDetail(logger, ex);
            }

            if (app is not null && !running)
            {
                await app.DisposeAsync(); // Flushes the logs.
            }

            return report.ExitCode;
        }
    }

    /// <summary>False when a test host runs <c>Main</c> (WebApplicationFactory): it expects the exception.</summary>
    private static bool IsProcessEntryPoint => System.Reflection.Assembly.GetEntryAssembly() == typeof(DashboardHost).Assembly;

    [LoggerMessage(EventId = 4200, Level = LogLevel.Debug, Message = "Start-up failure detail")]
    private static partial void LogDetail(ILogger logger, Exception exception);
}
