using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dashboard.Bench;

/// <summary>The fault run: closed-loop viewers on the dashboard while its source works (<c>--before</c> s), fails in
/// the given mode (<c>--failure</c> s), then works again; reports the upstream calls and the app's fetch attempts
/// during the failure, page times before and during it, and how long after the recovery a page showed the source
/// fresh again.</summary>
public static partial class FaultRunner
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(Args options)
    {
        var url = new Uri(options.Required("url"));
        var control = options.Required("control").TrimEnd('/');
        var metrics = options.Required("metrics");
        var mode = options.Required("mode");
        var concurrency = options.Int("concurrency", 1);
        var before = TimeSpan.FromSeconds(options.Double("before", 10));
        var failure = TimeSpan.FromSeconds(options.Double("failure", 60));
        var afterMax = TimeSpan.FromSeconds(options.Double("after-max", 60));
        var output = options.Required("out");

        using var controlClient = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { Timeout = RequestTimeout };
        await SetModeAsync(controlClient, control, FaultState.Ok);

        var clock = Stopwatch.StartNew();
        var samples = new ConcurrentQueue<FaultPage>();
        using var stop = new CancellationTokenSource();
        var viewers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => ViewAsync(client, url, clock, samples, stop.Token))).ToList();

        await Task.Delay(before);
        var callsBefore = (await StatsAsync(controlClient, control)).Calls;
        var fetchesBefore = await FlakyFetchesAsync(controlClient, metrics);
        var failedAt = clock.Elapsed;
        await SetModeAsync(controlClient, control, mode);
        await Task.Delay(failure);
        var callsDuring = (await StatsAsync(controlClient, control)).Calls - callsBefore;
        var fetchesDuring = await FlakyFetchesAsync(controlClient, metrics) - fetchesBefore;
        var recoveredAt = clock.Elapsed;
        await SetModeAsync(controlClient, control, FaultState.Ok);

        // Time to fresh: the first page started after the recovery that shows the source fresh, when it completed.
        FaultPage? fresh = null;
        while (fresh is null && clock.Elapsed - recoveredAt < afterMax)
        {
            await Task.Delay(50);
            fresh = samples.Where(s => s.StartMs >= recoveredAt.TotalMilliseconds && s.FlakyState == "fresh").MinBy(s => s.StartMs + s.DurationMs);
        }

        await stop.CancelAsync();
        await Task.WhenAll(viewers);

        var during = samples.Where(s => s.StartMs >= failedAt.TotalMilliseconds && s.StartMs < recoveredAt.TotalMilliseconds).ToList();
        var warm = samples.Where(s => s.StartMs >= before.TotalMilliseconds / 2 && s.StartMs < failedAt.TotalMilliseconds).ToList();
        var result = new FaultResult
        {
            Mode = mode,
            Concurrency = concurrency,
            FailureSeconds = failure.TotalSeconds,
            UpstreamCallsDuringFailure = callsDuring,
            FetchAttemptsDuringFailure = fetchesDuring,
            PagesDuringFailure = during.Count,
            ErrorsDuringFailure = during.Count(s => !s.Ok),
            PageMsBefore = Percentiles.Of([.. warm.Where(s => s.Ok).Select(s => s.DurationMs)]),
            PageMsDuringFailure = Percentiles.Of([.. during.Where(s => s.Ok).Select(s => s.DurationMs)]),
            FlakyStatesDuringFailure = during.GroupBy(s => s.FlakyState ?? "missing").ToDictionary(g => g.Key, g => g.Count()),
            HealthyNotFreshDuringFailure = during.Count(s => s.Ok && s.HealthyState != "fresh"),
            TimeToFreshMs = fresh is null ? null : Math.Round(fresh.StartMs + fresh.DurationMs - recoveredAt.TotalMilliseconds),
        };
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[fault {mode} c={concurrency}] upstream calls {callsDuring}, fetch attempts {fetchesDuring} in {failure.TotalSeconds:0} s; pages {during.Count} ({result.ErrorsDuringFailure} errors), p99 {result.PageMsDuringFailure.P99:0} ms (before {result.PageMsBefore.P99:0} ms); fresh {result.TimeToFreshMs?.ToString(CultureInfo.InvariantCulture) ?? "never"} ms after recovery"));
        return 0;
    }

    private static async Task ViewAsync(HttpClient client, Uri url, Stopwatch clock, ConcurrentQueue<FaultPage> samples, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var start = clock.Elapsed.TotalMilliseconds;
            try
            {
                using var response = await client.GetAsync(url, stop);
                var body = await response.Content.ReadAsStringAsync(stop);
                var ok = response.StatusCode == HttpStatusCode.OK && body.Contains(FaultConfig.Title, StringComparison.Ordinal) && body.Contains("</html>", StringComparison.Ordinal);
                samples.Enqueue(new FaultPage(start, clock.Elapsed.TotalMilliseconds - start, ok, FinalState(body, FaultConfig.FlakySource), FinalState(body, "healthy")));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                samples.Enqueue(new FaultPage(start, clock.Elapsed.TotalMilliseconds - start, false, null, null));
            }
        }
    }

    /// <summary>A streamed page holds a panel twice (skeleton, then its final content): the last one counts.</summary>
    private static string? FinalState(string body, string panelId) =>
        PanelState().Matches(body).Where(m => m.Groups["id"].Value == panelId).Select(m => m.Groups["state"].Value).LastOrDefault();

    private static async Task SetModeAsync(HttpClient client, string control, string mode)
    {
        using var response = await client.PostAsync($"{control}/mode/{mode}", null);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<FaultStats> StatsAsync(HttpClient client, string control) =>
        JsonSerializer.Deserialize<FaultStats>(await client.GetStringAsync($"{control}/stats"))!;

    /// <summary>The app's own count of fetch attempts of the flaky source, every outcome (a refused connection never
    /// reaches the upstream's counter).</summary>
    private static async Task<long> FlakyFetchesAsync(HttpClient client, string metrics) =>
        (await client.GetStringAsync(metrics)).Split('\n')
            .Where(l => l.StartsWith("dashboard_source_fetches_total{", StringComparison.Ordinal) && l.Contains($"source=\"{FaultConfig.FlakySource}\"", StringComparison.Ordinal))
            .Sum(l => (long)double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    [GeneratedRegex("<section\\b[^>]*\\bdata-panel-id=\"(?<id>[^\"]+)\"[^>]*\\bdata-state=\"(?<state>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex PanelState();
}

public sealed record FaultPage(double StartMs, double DurationMs, bool Ok, string? FlakyState, string? HealthyState);

public sealed class FaultResult
{
    public string Mode { get; set; } = "";

    public int Concurrency { get; set; }

    public double FailureSeconds { get; set; }

    public long UpstreamCallsDuringFailure { get; set; }

    public long FetchAttemptsDuringFailure { get; set; }

    public int PagesDuringFailure { get; set; }

    public int ErrorsDuringFailure { get; set; }

    public Percentiles PageMsBefore { get; set; } = new();

    public Percentiles PageMsDuringFailure { get; set; } = new();

    public Dictionary<string, int> FlakyStatesDuringFailure { get; set; } = [];

    public int HealthyNotFreshDuringFailure { get; set; }

    public double? TimeToFreshMs { get; set; }
}
