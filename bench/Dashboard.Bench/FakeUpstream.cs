using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Bench;

/// <summary>The fake third-party API: four JSON endpoints answering after a fixed latency, each call counted.
/// <c>GET /stats</c> returns the counts (calls started per endpoint, and calls in flight).</summary>
public static class FakeUpstream
{
    /// <summary>Endpoint name and latency; the app's sources are named after these.</summary>
    public static readonly IReadOnlyList<(string Name, int LatencyMs)> Endpoints =
    [
        ("api-50ms", 50),
        ("api-200ms", 200),
        ("api-800ms", 800),
        ("api-3000ms", 3000),
    ];

    public static async Task<int> RunAsync(Args options)
    {
        var port = options.Int("port", 0);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var app = builder.Build();

        var calls = new long[Endpoints.Count];
        long inFlight = 0;
        for (var i = 0; i < Endpoints.Count; i++)
        {
            var index = i;
            var (name, latencyMs) = Endpoints[i];
            var delay = TimeSpan.FromMilliseconds(latencyMs);
            app.MapGet($"/{name}", async (HttpContext context) =>
            {
                var n = Interlocked.Increment(ref calls[index]);
                Interlocked.Increment(ref inFlight);
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                    context.Response.ContentType = "application/json";
                    // A realistic small payload: the source selects data.value.
                    await context.Response.WriteAsync(
                        $$$"""{"data":{"value":{{{1000 + (n % 97)}}},"endpoint":"{{{name}}}","latency_ms":{{{latencyMs}}}},"meta":{"generated":"{{{DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)}}}"}}""",
                        context.RequestAborted);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            });
        }

        app.MapGet("/stats", () =>
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i < Endpoints.Count; i++)
            {
                counts[Endpoints[i].Name] = Interlocked.Read(ref calls[i]);
            }

            return Results.Text(JsonSerializer.Serialize(new UpstreamStats(counts, Interlocked.Read(ref inFlight))), "application/json");
        });

        await app.RunAsync();
        return 0;
    }
}

public sealed record UpstreamStats(Dictionary<string, long> Calls, long InFlight)
{
    public long Total => Calls.Values.Sum();
}
