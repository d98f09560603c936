using System.Globalization;
using static Dashboard.Demo.DemoApiCatalog;

namespace Dashboard.Demo;

/// <summary>Simulated third-party APIs with realistic latencies, so the demo works with no network:
/// fast, medium, slower than its render deadline, flaky, and broken.</summary>
public static class DemoApiEndpoints
{
    public static IEndpointRouteBuilder MapDemoApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Root).ExcludeFromDescription();

        // The index: what each simulated API does and which demo sources read it.
        api.MapGet("/", () => Results.Json(new { apis = All }));

        api.MapGet(Relative(Traffic), async (TimeProvider time, CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(40), time, ct);
            var now = time.GetUtcNow();
            return Results.Json(new { data = new { visitors = DemoTraffic.Visitors(now), pageviews = DemoTraffic.PageViews(now) } });
        });

        api.MapGet(Relative(Sales), async (TimeProvider time, CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
            var t = Minutes(time);
            string[] customers = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka"];
            var orders = Enumerable.Range(0, 8).Select(i => new
            {
                id = 9000 + (int)t % 1000 + i,
                customer = customers[(i + (int)t) % customers.Length],
                total = Math.Round(20 + 180 * Math.Abs(Math.Sin(t + i)), 2),
            }).ToArray();
            return Results.Json(new { summary = new { revenue = Math.Round(orders.Sum(o => o.total), 2) }, orders });
        });

        // Latency percentiles per minute over the last hour, as a monitoring API returns them: ISO times, one row per
        // minute; minutes 42-44 of every hour are missing (a collector restart), so the chart shows a gap there.
        api.MapGet(Relative(Latency), async (TimeProvider time, CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(120), time, ct);
            var now = time.GetUtcNow();
            var last = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
            var rows = Enumerable.Range(0, 60)
                .Select(i => last.AddMinutes(i - 59))
                .Where(at => at.Minute is < 42 or > 44)
                .Select(at =>
                {
                    var wave = Math.Sin(at.ToUnixTimeSeconds() / 600.0);
                    var jitter = Noise(at.ToUnixTimeSeconds() / 60.0, 1);
                    return new
                    {
                        time = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        p50 = Math.Round(62 + 14 * wave + 6 * jitter, 1),
                        p95 = Math.Round(128 + 45 * wave + 18 * jitter, 1),
                        p99 = Math.Round(205 + 70 * wave + 40 * jitter, 1),
                    };
                });
            return Results.Json(rows);
        });

        // Slower than its one-second render deadline: the first view says so, later views show the
        // value the background fetch brought back, marked stale once older than its max age.
        api.MapGet(Relative(SlowReport), async (TimeProvider time, CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), time, ct);
            return Results.Json(new { report = new { conversion = Math.Round(3 + Math.Sin(Minutes(time) / 5), 2) } });
        });

        // Down for 20 seconds out of every minute, so its panel shows a stale value and "HTTP 503".
        api.MapGet(Relative(FlakyPayments), async (TimeProvider time, CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(150), time, ct);
            var now = time.GetUtcNow();
            return now.Second >= 40
                ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
                : Results.Json(new { payments = new { success_rate = Math.Round(97 + 2 * Math.Sin(Minutes(time)), 2) } });
        });

        // Always broken: answers 200 with a body that is not JSON.
        api.MapGet(Relative(Legacy), async (TimeProvider time, CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(60), time, ct);
            return Results.Text("<html>Internal error</html>", "application/json");
        });

        // A POST API: the body names a query; the answer counts matches.
        api.MapPost(Relative(Search), async (SearchRequest request, TimeProvider time, CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(80), time, ct);
            return Results.Json(new { results = new { query = request.Query, count = (request.Query?.Length ?? 0) * 37 + (int)Minutes(time) % 11 } });
        });

        api.MapGet(Relative(Status), () => Results.Json(new { status = "operational" }));
        return endpoints;
    }

    private static double Minutes(TimeProvider time) => time.GetUtcNow().ToUnixTimeSeconds() / 60.0;

    private static double Noise(double seed, double amplitude) => DemoTraffic.Noise(seed, amplitude);

    private sealed record SearchRequest(string? Query);
}
