using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Bench;

/// <summary>What a live run (<c>live</c>: SSE + enhanced refresh, <c>circuits</c>: Interactive Server) prints and
/// writes: the same fields for both modes so bench/run.sh can put them in one table.</summary>
public sealed record LiveResult
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public required string Mode { get; init; }

    public required int Viewers { get; init; }

    /// <summary>Circuit runs: viewers whose circuit delivered its first render batch before the window began.</summary>
    public int? Connected { get; init; }

    public required double Seconds { get; init; }

    public required long LiveConnections { get; init; }

    public required int Versions { get; init; }

    public required long Refreshes { get; init; }

    public required long Failures { get; init; }

    public required double UpstreamCallsPerMinute { get; init; }

    public required double ServerCpuPercentOfOneCore { get; init; }

    public required double ServerRssMbMedian { get; init; }

    public required double ServerRssMbMax { get; init; }

    public required double UpdateDelayMsP50 { get; init; }

    public required double UpdateDelayMsP99 { get; init; }

    public required double UpdateDelayMsMax { get; init; }

    /// <summary>Circuit runs: from the app announcing a version on /live to each viewer's batch with it.</summary>
    public double? AnnounceDelayMsP50 { get; init; }

    public double? AnnounceDelayMsP99 { get; init; }

    public double? AnnounceDelayMsMax { get; init; }

    /// <summary>The window's measurements and the delays (ms) into one result.</summary>
    public static LiveResult From(string mode, int viewers, LiveWindow window, long liveConnections, int versions, long refreshes, long failures, IEnumerable<double> delays, int? connected = null, IEnumerable<double>? announceDelays = null)
    {
        var sorted = delays.Order().ToArray();
        var announce = announceDelays?.Order().ToArray();
        var rss = window.RssSamples.Order().ToArray();
        return new LiveResult
        {
            Mode = mode,
            Viewers = viewers,
            Connected = connected,
            Seconds = Math.Round(window.Elapsed.TotalSeconds, 1),
            LiveConnections = liveConnections,
            Versions = versions,
            Refreshes = refreshes,
            Failures = failures,
            UpstreamCallsPerMinute = Math.Round(window.UpstreamCalls / window.Elapsed.TotalMinutes, 1),
            ServerCpuPercentOfOneCore = Math.Round(100 * window.Cpu / window.Elapsed, 1),
            ServerRssMbMedian = rss.Length > 0 ? rss[rss.Length / 2] / 1048576.0 : 0,
            ServerRssMbMax = rss.Length > 0 ? rss[^1] / 1048576.0 : 0,
            UpdateDelayMsP50 = Percentile(sorted, 0.50),
            UpdateDelayMsP99 = Percentile(sorted, 0.99),
            UpdateDelayMsMax = Max(sorted),
            AnnounceDelayMsP50 = announce is null ? null : Percentile(announce, 0.50),
            AnnounceDelayMsP99 = announce is null ? null : Percentile(announce, 0.99),
            AnnounceDelayMsMax = announce is null ? null : Max(announce),
        };
    }

    /// <summary>Prints the JSON and writes it to --out when given.</summary>
    public async Task WriteAsync(Args options)
    {
        var json = JsonSerializer.Serialize(this, Json);
        Console.WriteLine(json);
        if (options.Optional("out", "") is { Length: > 0 } outFile)
        {
            await File.WriteAllTextAsync(outFile, json);
        }
    }

    private static double Max(double[] sorted) => sorted.Length > 0 ? Math.Round(sorted[^1], 1) : 0;

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))], 1);
}
