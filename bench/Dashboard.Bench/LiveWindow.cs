using System.Diagnostics;

namespace Dashboard.Bench;

/// <summary>The measured window of a live run: the app's CPU time and RSS (sampled every second) from /proc, and the
/// fake upstream's call count, over <c>duration</c>.</summary>
public sealed class LiveWindow
{
    private LiveWindow(TimeSpan elapsed, TimeSpan cpu, long upstreamCalls, IReadOnlyList<long> rssSamples)
    {
        Elapsed = elapsed;
        Cpu = cpu;
        UpstreamCalls = upstreamCalls;
        RssSamples = rssSamples;
    }

    public TimeSpan Elapsed { get; }

    public TimeSpan Cpu { get; }

    public long UpstreamCalls { get; }

    public IReadOnlyList<long> RssSamples { get; }

    /// <summary>Measures for <paramref name="duration"/>; <paramref name="started"/> runs once the baselines are taken,
    /// so a caller can mark the window's start.</summary>
    public static async Task<LiveWindow> MeasureAsync(int pid, TimeSpan duration, HttpClient stats, Uri upstream, Action? started = null)
    {
        var callsBefore = (await LoadRunner.UpstreamStatsAsync(stats, upstream)).Total;
        var cpuBefore = ProcessProbe.CpuTime(pid) ?? TimeSpan.Zero;
        var start = Stopwatch.GetTimestamp();
        started?.Invoke();
        var rssSamples = new List<long>();
        while (Stopwatch.GetElapsedTime(start) < duration)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (ProcessProbe.Resident(pid) is { } rss)
            {
                rssSamples.Add(rss.Total);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpu = (ProcessProbe.CpuTime(pid) ?? TimeSpan.Zero) - cpuBefore;
        var calls = (await LoadRunner.UpstreamStatsAsync(stats, upstream)).Total - callsBefore;
        return new LiveWindow(elapsed, cpu, calls, rssSamples);
    }
}
