using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Bench;

/// <summary>The fault run's upstream: <c>GET /value</c> on its own port answers as the mode says, switched through a
/// control port. <c>ok</c> answers JSON at once; <c>503</c> answers 503; <c>hang</c> never answers (until the mode
/// changes or the caller gives up); <c>refused</c> closes the port, so connections are refused. Every request that
/// reaches the port is counted (<c>GET /stats</c> on the control port).</summary>
public static class FaultUpstream
{
    public const string Path = "/value";

    public static async Task<int> RunAsync(Args options)
    {
        var controlPort = options.Int("port", 0);
        var valuePort = options.Int("value-port", 0);
        var state = new FaultState(valuePort);
        await state.SetModeAsync(FaultState.Ok);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{controlPort.ToString(CultureInfo.InvariantCulture)}");
        var control = builder.Build();
        control.MapPost("/mode/{mode}", async (string mode) =>
            FaultState.Modes.Contains(mode) ? Results.Text(await state.SetModeAsync(mode)) : Results.BadRequest($"mode is one of {string.Join(", ", FaultState.Modes)}"));
        control.MapGet("/stats", () => Results.Text(JsonSerializer.Serialize(new FaultStats(state.Mode, state.Calls, state.InFlight)), "application/json"));
        await control.RunAsync();
        await state.DisposeAsync();
        return 0;
    }
}

public sealed record FaultStats(string Mode, long Calls, long InFlight);

/// <summary>The current mode and the value server behind it (stopped while connections are to be refused).</summary>
public sealed class FaultState(int port) : IAsyncDisposable
{
    public const string Ok = "ok";
    public static readonly string[] Modes = [Ok, "503", "hang", "refused"];

    private readonly SemaphoreSlim gate = new(1, 1);
    private WebApplication? server;
    private CancellationTokenSource modeChanged = new();
    private long calls;
    private long inFlight;

    public string Mode { get; private set; } = Ok;

    public long Calls => Interlocked.Read(ref calls);

    public long InFlight => Interlocked.Read(ref inFlight);

    public async Task<string> SetModeAsync(string mode)
    {
        await gate.WaitAsync();
        try
        {
            Mode = mode;
            var previous = modeChanged;
            modeChanged = new CancellationTokenSource();
            await previous.CancelAsync(); // Ends hung requests (not disposed: a request may still be linking to it).
            if (mode == "refused" && server is not null)
            {
                await server.StopAsync();
                await server.DisposeAsync();
                server = null;
            }
            else if (mode != "refused" && server is null)
            {
                server = Build();
                await server.StartAsync();
            }

            return mode;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var app = builder.Build();
        app.MapGet(FaultUpstream.Path, async (HttpContext context) =>
        {
            var n = Interlocked.Increment(ref calls);
            Interlocked.Increment(ref inFlight);
            try
            {
                switch (Mode)
                {
                    case "503":
                        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                        return;
                    case "hang":
                        using (var until = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, modeChanged.Token))
                        {
                            await Task.Delay(Timeout.Infinite, until.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
                        }

                        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                        return;
                    default:
                        context.Response.ContentType = "application/json";
                        await context.Response.WriteAsync($$"""{"value":{{1000 + (n % 97)}}}""", context.RequestAborted);
                        return;
                }
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });
        return app;
    }
}
