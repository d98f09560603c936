using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Dashboard.Bench;

/// <summary>Closed-loop load: N clients each request the dashboard, read the streamed body to its end, and
/// immediately request again. Time to first byte is the first body byte read; full page is the end of the
/// stream. Only requests started inside the measured window (after the warm-up) count.</summary>
public static class LoadRunner
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(50);
    private static readonly byte[] StateLine = "class=\"state-line "u8.ToArray();
    private static readonly byte[] StaleLine = "class=\"state-line stale"u8.ToArray();
    private static readonly byte[] UnavailableLine = "class=\"state-line unavailable"u8.ToArray();
    private static readonly byte[] HtmlEnd = "</html>"u8.ToArray();

    public static async Task<int> RunAsync(Args options)
    {
        var url = new Uri(options.Required("url"));
        var upstream = new Uri(options.Required("upstream").TrimEnd('/') + "/stats");
        var pid = options.Int("pid", 0);
        var upstreamPid = options.Int("upstream-pid", 0);
        var levels = options.Optional("concurrency", "1,50,500").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var warmup = TimeSpan.FromSeconds(options.Double("warmup", 5));
        var duration = TimeSpan.FromSeconds(options.Double("duration", 15));
        var panels = options.Int("panels", 6);
        var thinkMs = options.Double("think-ms", 0);
        // --compressed 1: ask for Brotli/gzip as a browser does (the client decompresses before checking the page).
        var compressed = options.Optional("compressed", "0") == "1";
        var title = Encoding.UTF8.GetBytes(options.Optional("title", AppConfig.DashboardTitle));
        var output = options.Required("out");

        var run = new RunResult
        {
            Label = options.Optional("label", "run"),
            MaxAgeSeconds = options.Double("max-age", 0),
            StartedAt = DateTimeOffset.UtcNow,
            Machine = new MachineInfo
            {
                Cores = Environment.ProcessorCount,
                MemoryGb = Math.Round(ProcessProbe.MachineMemoryBytes() / (1024.0 * 1024 * 1024), 1),
                Runtime = RuntimeInformation.FrameworkDescription,
                Os = RuntimeInformation.OSDescription,
            },
        };

        using var statsClient = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var page = new PageCheck(title, panels);
        foreach (var concurrency in levels)
        {
            var level = await RunLevelAsync(url, concurrency, warmup, duration, thinkMs, compressed, page, pid, upstreamPid, () => UpstreamStatsAsync(statsClient, upstream));
            run.Levels.Add(level);
            Console.Error.WriteLine(
                string.Create(CultureInfo.InvariantCulture, $"[{run.Label}] c={concurrency}: {level.Pages} pages ({level.PagesPerSecond:0.0}/s), {level.Errors} errors, ")
                + string.Create(CultureInfo.InvariantCulture, $"TTFB p50/p99 {level.TimeToFirstByteMs.P50:0.00}/{level.TimeToFirstByteMs.P99:0.00} ms, ")
                + string.Create(CultureInfo.InvariantCulture, $"full p50/p99 {level.FullPageMs.P50:0.00}/{level.FullPageMs.P99:0.00} ms, ")
                + string.Create(CultureInfo.InvariantCulture, $"upstream {level.UpstreamCallsPerView:0.000}/view, peak RSS {level.PeakRssMb:0} MB, app CPU {level.AppCpuCores:0.00} cores, ")
                + string.Create(CultureInfo.InvariantCulture, $"pages per 1-s bucket min/max {level.PagesPerSecondTimeline.DefaultIfEmpty().Min()}/{level.PagesPerSecondTimeline.DefaultIfEmpty().Max()}"));
            foreach (var sample in level.ErrorSamples)
            {
                Console.Error.WriteLine($"    error: {sample}");
            }
        }

        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(run, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static async Task<LevelResult> RunLevelAsync(
        Uri url, int concurrency, TimeSpan warmup, TimeSpan duration, double thinkMs, bool compressed, PageCheck page, int pid, int upstreamPid, Func<Task<UpstreamStats>> upstreamStats)
    {
        var loadAverage = ProcessProbe.LoadAverage1();
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = compressed ? DecompressionMethods.Brotli | DecompressionMethods.GZip : DecompressionMethods.None,
        };
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        using var sampling = new CancellationTokenSource();
        long peakRss = 0;
        RssBreakdown? peakParts = null;
        long peakThreads = 0;
        var sampler = pid > 0 ? Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                if (ProcessProbe.Resident(pid) is { } rss && rss.Total > peakRss)
                {
                    Volatile.Write(ref peakParts, rss);
                    Volatile.Write(ref peakRss, rss.Total);
                }

                if (ProcessProbe.Threads(pid) is { } threads && threads > peakThreads)
                {
                    Volatile.Write(ref peakThreads, threads);
                }

                try
                {
                    await Task.Delay(SampleInterval, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }) : Task.CompletedTask;

        var clients = new ClientStats[concurrency];
        var tasks = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            var stats = clients[i] = new ClientStats();
            tasks[i] = Task.Run(() => ClientLoopAsync(client, url, page, thinkMs, windowStart, windowEnd, stats));
        }

        // Counters at the window's edges.
        await DelayUntil(windowStart);
        var upstreamBefore = await upstreamStats();
        var appCpuBefore = pid > 0 ? ProcessProbe.CpuTime(pid) : null;
        var upstreamCpuBefore = upstreamPid > 0 ? ProcessProbe.CpuTime(upstreamPid) : null;
        var selfCpuBefore = ProcessProbe.CpuTime(Environment.ProcessId);
        var machineBefore = ProcessProbe.MachineCpu();
        await DelayUntil(windowEnd);
        var upstreamAfter = await upstreamStats();
        var appCpuAfter = pid > 0 ? ProcessProbe.CpuTime(pid) : null;
        var upstreamCpuAfter = upstreamPid > 0 ? ProcessProbe.CpuTime(upstreamPid) : null;
        var selfCpuAfter = ProcessProbe.CpuTime(Environment.ProcessId);
        var machineAfter = ProcessProbe.MachineCpu();
        var window = Stopwatch.GetElapsedTime(windowStart, windowEnd);

        // Clients finish the request they are in (bounded by the request timeout), then stop.
        await Task.WhenAll(tasks);
        await sampling.CancelAsync();
        await sampler;

        var timeline = new int[(int)Math.Ceiling(window.TotalSeconds)];
        foreach (var c in clients)
        {
            foreach (var finished in c.FinishedAt)
            {
                var second = (int)((finished - windowStart) / Stopwatch.Frequency);
                if (second >= 0 && second < timeline.Length)
                {
                    timeline[second]++;
                }
            }
        }

        var ttfb = new List<double>();
        var full = new List<double>();
        long errors = 0, degraded = 0, bytes = 0;
        var samples = new List<string>();
        foreach (var c in clients)
        {
            ttfb.AddRange(c.TimeToFirstByteMs);
            full.AddRange(c.FullPageMs);
            errors += c.Errors;
            degraded += c.Degraded;
            bytes += c.Bytes;
            samples.AddRange(c.ErrorSamples);
        }

        var pages = full.Count;
        var calls = upstreamAfter.Total - upstreamBefore.Total;
        return new LevelResult
        {
            Concurrency = concurrency,
            WarmupSeconds = warmup.TotalSeconds,
            ThinkMs = thinkMs,
            DurationSeconds = window.TotalSeconds,
            Pages = pages,
            Errors = errors,
            ErrorSamples = samples.Distinct().Take(5).ToList(),
            DegradedPages = degraded,
            PagesPerSecond = pages / window.TotalSeconds,
            MeanPageBytes = pages == 0 ? 0 : (double)bytes / pages,
            PagesPerSecondTimeline = [.. timeline],
            TimeToFirstByteMs = Percentiles.Of(ttfb),
            FullPageMs = Percentiles.Of(full),
            UpstreamCalls = calls,
            UpstreamCallsByEndpoint = upstreamAfter.Calls.ToDictionary(kv => kv.Key, kv => kv.Value - upstreamBefore.Calls.GetValueOrDefault(kv.Key)),
            UpstreamCallsPerView = pages == 0 ? 0 : (double)calls / pages,
            PeakRssMb = Mb(Volatile.Read(ref peakRss)),
            PeakRssAnonymousMb = Mb(Volatile.Read(ref peakParts)?.Anonymous ?? 0),
            PeakRssFileMb = Mb(Volatile.Read(ref peakParts)?.File ?? 0),
            PeakRssSharedMb = Mb(Volatile.Read(ref peakParts)?.Shared ?? 0),
            PeakThreads = Volatile.Read(ref peakThreads),
            HighWaterMarkMb = pid > 0 ? Mb(ProcessProbe.PeakResidentBytes(pid) ?? 0) : 0,
            AppCpuCores = Cores(appCpuBefore, appCpuAfter, window),
            LoadGeneratorCpuCores = Cores(selfCpuBefore, selfCpuAfter, window),
            UpstreamCpuCores = Cores(upstreamCpuBefore, upstreamCpuAfter, window),
            MachineCpuBusyPercent = 100.0 * (machineAfter.Busy - machineBefore.Busy) / Math.Max(1, machineAfter.Total - machineBefore.Total),
            LoadAverageAtStart = loadAverage,
        };
    }

    private static async Task ClientLoopAsync(HttpClient client, Uri url, PageCheck page, double thinkMs, long windowStart, long windowEnd, ClientStats stats)
    {
        var buffer = new byte[64 * 1024];
        var first = true;
        while (true)
        {
            if (thinkMs > 0 && !first)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * thinkMs));
            }

            first = false;
            var started = Stopwatch.GetTimestamp();
            if (started >= windowEnd)
            {
                return;
            }

            var counted = started >= windowStart;
            long firstByte = 0;
            var length = 0;
            string? error = null;
            HttpStatusCode status = 0;
            try
            {
                using var timeout = new CancellationTokenSource(RequestTimeout);
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                status = response.StatusCode;
                await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    var read = await body.ReadAsync(buffer.AsMemory(length), timeout.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    if (firstByte == 0)
                    {
                        firstByte = Stopwatch.GetTimestamp();
                    }

                    length += read;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                error = $"{ex.GetType().Name}: {ex.Message}";
            }

            var finished = Stopwatch.GetTimestamp();
            var verdict = error ?? page.Check(status, buffer.AsSpan(0, length));
            if (verdict is null)
            {
                // By completion time, whenever the request started: the per-second timeline.
                stats.FinishedAt.Add(finished);
            }

            if (!counted)
            {
                continue;
            }

            if (verdict is not null)
            {
                stats.Errors++;
                if (stats.ErrorSamples.Count < 3)
                {
                    stats.ErrorSamples.Add(verdict);
                }

                continue;
            }

            stats.TimeToFirstByteMs.Add(Stopwatch.GetElapsedTime(started, firstByte).TotalMilliseconds);
            stats.FullPageMs.Add(Stopwatch.GetElapsedTime(started, finished).TotalMilliseconds);
            stats.Bytes += length;
            if (PageCheck.IsDegraded(buffer.AsSpan(0, length)))
            {
                stats.Degraded++;
            }
        }
    }

    private static async Task DelayUntil(long timestamp)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    internal static async Task<UpstreamStats> UpstreamStatsAsync(HttpClient client, Uri stats)
    {
        var json = await client.GetStringAsync(stats);
        return JsonSerializer.Deserialize<UpstreamStats>(json) ?? throw new BenchException("upstream /stats returned nothing");
    }

    private static double Mb(long bytes) => Math.Round(bytes / (1024.0 * 1024), 1);

    private static double Cores(TimeSpan? before, TimeSpan? after, TimeSpan window) =>
        before is { } b && after is { } a ? Math.Round((a - b).TotalSeconds / window.TotalSeconds, 2) : 0;

    /// <summary>What makes a response a valid dashboard page.</summary>
    private sealed class PageCheck(byte[] title, int panels)
    {
        public string? Check(HttpStatusCode status, ReadOnlySpan<byte> body)
        {
            if (status != HttpStatusCode.OK)
            {
                return $"HTTP {(int)status}";
            }

            if (body.IndexOf(title) < 0)
            {
                return "dashboard title missing";
            }

            if (body.IndexOf(HtmlEnd) < 0)
            {
                return "page incomplete (no </html>)";
            }

            // Every panel ends with its state line (fresh, stale or unavailable) once its reading is done,
            // in the first flush or in a streamed batch after </html>.
            var finished = Count(body, StateLine);
            return finished >= panels ? null : $"only {finished} of {panels} panels finished";
        }

        public static bool IsDegraded(ReadOnlySpan<byte> body) => body.IndexOf(StaleLine) >= 0 || body.IndexOf(UnavailableLine) >= 0;

        private static int Count(ReadOnlySpan<byte> body, ReadOnlySpan<byte> what)
        {
            var count = 0;
            for (var at = body.IndexOf(what); at >= 0; at = body.IndexOf(what))
            {
                count++;
                body = body[(at + what.Length)..];
            }

            return count;
        }
    }

    private sealed class ClientStats
    {
        public List<double> TimeToFirstByteMs { get; } = [];

        public List<double> FullPageMs { get; } = [];

        public List<string> ErrorSamples { get; } = [];

        public List<long> FinishedAt { get; } = [];

        public long Errors { get; set; }

        public long Degraded { get; set; }

        public long Bytes { get; set; }
    }
}
