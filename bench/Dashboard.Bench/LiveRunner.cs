using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text.RegularExpressions;

namespace Dashboard.Bench;

/// <summary>N live viewers of one dashboard, each doing what wwwroot/js/live.js does in a visible tab: load the page,
/// hold <c>/live/{slug}</c> open, and when an event carries a version newer than the page's, wait a random 0-200 ms and
/// fetch the page again as blazor.web.js's enhanced refresh would. Measures, over the run: the app's RSS and CPU,
/// upstream calls, and per version the delay from the first viewer hearing of it to each viewer holding that page.</summary>
public static partial class LiveRunner
{
    private const int SpreadMs = 200;

    [GeneratedRegex("""data-live-version="(\d+)""")]
    private static partial Regex Version();

    public static async Task<int> RunAsync(Args options)
    {
        var (url, slug, viewers, duration, pid, upstream) = LiveOptions.Parse(options);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = viewers * 2 + 10, UseCookies = true, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        using var stats = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var page = $"d/{slug}";
        await client.GetStringAsync(page); // the antiforgery cookie, so refreshes may be answered from the page cache

        var firstHeard = new ConcurrentDictionary<long, long>();
        var delays = new ConcurrentBag<double>();
        long refreshes = 0, failures = 0;
        using var stop = new CancellationTokenSource();
        var tasks = Enumerable.Range(0, viewers).Select(_ => Task.Run(() => ViewAsync())).ToList();

        async Task ViewAsync()
        {
            try
            {
                var rendered = RenderedVersion(await client.GetStringAsync(page, stop.Token));
                await using var stream = await client.GetStreamAsync($"live/{slug}", stop.Token);
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(stop.Token))
                {
                    if (item.EventType != "message" || !long.TryParse(item.Data, CultureInfo.InvariantCulture, out var version) || version <= rendered)
                    {
                        continue;
                    }

                    var heard = firstHeard.GetOrAdd(version, _ => Stopwatch.GetTimestamp());
                    await Task.Delay(Random.Shared.Next(SpreadMs), stop.Token);
                    using var request = new HttpRequestMessage(HttpMethod.Get, page);
                    request.Headers.TryAddWithoutValidation("Accept", "text/html; blazor-enhanced-nav=on");
                    using var response = await client.SendAsync(request, stop.Token);
                    rendered = Math.Max(rendered, RenderedVersion(await response.Content.ReadAsStringAsync(stop.Token)));
                    Interlocked.Increment(ref refreshes);
                    if (rendered >= version)
                    {
                        delays.Add(Stopwatch.GetElapsedTime(heard).TotalMilliseconds);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The run is over.
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                Interlocked.Increment(ref failures);
            }
        }

        // Let every viewer connect, then measure a steady window.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var window = await LiveWindow.MeasureAsync(pid, duration, stats, upstream);
        var connections = await LiveConnectionsAsync(client);
        await stop.CancelAsync();
        await Task.WhenAll(tasks);

        await LiveResult.From("sse", viewers, window, connections, firstHeard.Count, refreshes, failures, delays).WriteAsync(options);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>The <c>data-live-version</c> a page shows (0 when none).</summary>
    internal static long RenderedVersion(string html) =>
        Version().Match(html) is { Success: true } match ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    private static async Task<long> LiveConnectionsAsync(HttpClient client)
    {
        var metrics = await client.GetStringAsync("metrics");
        // OpenTelemetry's exporter writes a series without labels as "name{} value".
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("dashboard_live_connections ", StringComparison.Ordinal) || l.StartsWith("dashboard_live_connections{", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
