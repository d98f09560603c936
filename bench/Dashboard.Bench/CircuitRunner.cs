using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;

namespace Dashboard.Bench;

/// <summary>N live viewers of one dashboard in the app's circuit mode (<c>Dashboard:Live:Mode=Circuit</c>), each a
/// <see cref="CircuitViewer"/> (what blazor.web.js does in a visible tab with Interactive Server components). Viewers
/// connect at most <see cref="ConnectParallelism"/> at a time; once all have their first render batch (or 30 s have
/// passed) it measures <c>duration</c> as LiveRunner does and writes the same JSON fields, mode "circuit".</summary>
public static class CircuitRunner
{
    private const int ConnectParallelism = 20;
    private const int StopParallelism = 50;
    private static readonly TimeSpan ConnectWindow = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstBatchTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(Args options)
    {
        var (url, slug, viewers, duration, pid, upstream) = LiveOptions.Parse(options);
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = StopParallelism + 10,
            UseCookies = true,
            CookieContainer = cookies,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        using var client = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        using var stats = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var page = $"d/{slug}";
        await client.GetStringAsync(page); // the antiforgery cookie a browser holds, as in LiveRunner

        var tally = new CircuitTally();
        using var stopClock = new CancellationTokenSource();
        var clock = ListenAsync(client, $"live/{slug}", tally, stopClock.Token);
        var tabs = Enumerable.Range(0, viewers).Select(_ => new CircuitViewer(tally)).ToList();
        using var gate = new SemaphoreSlim(ConnectParallelism);
        var connectStarted = Stopwatch.GetTimestamp();
        var connects = tabs.Select(ConnectAsync).ToList();

        async Task ConnectAsync(CircuitViewer tab)
        {
            await gate.WaitAsync();
            try
            {
                using var timeout = new CancellationTokenSource(ConnectTimeout);
                await tab.ConnectAsync(client, page, cookies, timeout.Token);
                // A slot is held until the circuit's first render, as a loading tab would, so starts stay bounded.
                await Task.WhenAny(tab.FirstBatch, Task.Delay(FirstBatchTimeout));
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAny(Task.WhenAll(connects), Task.Delay(ConnectWindow));
        var connected = tabs.Count(t => t.FirstBatch.IsCompletedSuccessfully);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[circuits] {connected}/{viewers} circuits rendered in {Stopwatch.GetElapsedTime(connectStarted).TotalSeconds:0.0} s; measuring {duration.TotalSeconds:0} s"));

        var window = await LiveWindow.MeasureAsync(pid, duration, stats, upstream, tally.StartWindow);
        tally.EndWindow();
        var live = tabs.Count(t => t.Live);
        await stopClock.CancelAsync();
        await clock;
        await Task.WhenAll(connects);
        await Parallel.ForEachAsync(tabs, new ParallelOptions { MaxDegreeOfParallelism = StopParallelism }, async (tab, _) => await tab.StopAsync(client));

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[circuits] {tabs.Sum(t => t.Batches)} render batches in all, {live} circuits live at the end; {tally.FailureSummary()}"));
        await LiveResult.From("circuit", viewers, window, live, tally.Versions, tally.Refreshes, tally.Failures, tally.Delays, connected, tally.AnnounceDelays).WriteAsync(options);
        return tally.Failures == 0 ? 0 : 1;
    }

    /// <summary>One SSE listener on the app's /live stream (still served in circuit mode): when each version was announced.</summary>
    private static async Task ListenAsync(HttpClient client, string stream, CircuitTally tally, CancellationToken stop)
    {
        try
        {
            await using var events = await client.GetStreamAsync(stream, stop);
            await foreach (var item in SseParser.Create(events).EnumerateAsync(stop))
            {
                if (item.EventType == "message" && long.TryParse(item.Data, CultureInfo.InvariantCulture, out var version))
                {
                    tally.Announce(version);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // Only the announce delays go missing; the circuits are measured regardless.
            Console.Error.WriteLine($"[circuits] no /live announcements: {ex.Message}");
        }
    }
}
