using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dashboard.Bench;

/// <summary>Prints the markdown results table of one or more runs, then the targets with met / missed.</summary>
public static class Report
{
    private const double TtfbP99TargetMs = 10;
    private const double CachedFullP50TargetMs = 5;
    private const double CachedPagesPerSecondTarget = 2000;
    private const double FreshCallsPerViewTarget = 0.5;
    private const double PeakMemoryTargetMb = 150;

    public static int Print(Args options)
    {
        if (options.Positional.Count == 0)
        {
            throw new BenchException("report needs result files");
        }

        var runs = options.Positional.Select(f => JsonSerializer.Deserialize<RunResult>(File.ReadAllText(f))
            ?? throw new BenchException($"{f}: empty")).ToList();
        Console.WriteLine(Render(runs));
        return 0;
    }

    public static string Render(IReadOnlyList<RunResult> runs)
    {
        var text = new StringBuilder();
        var machine = runs[0].Machine;
        var think = runs[0].Levels.FirstOrDefault()?.ThinkMs ?? 0;
        Line(text, $"Closed-loop clients{(think > 0 ? $" with a random 0-{think:0} ms pause between pages" : ", no pause between pages")}; each level {runs[0].Levels.FirstOrDefault()?.WarmupSeconds:0} s warm-up + {runs[0].Levels.FirstOrDefault()?.DurationSeconds:0} s measured.");
        Line(text, $"Machine: {machine.Cores} cores, {machine.MemoryGb:0.#} GB, {machine.Runtime}, {machine.Os}. Times in ms; CPU in cores (of {machine.Cores}).");
        Line(text, $"worst 1 s: fewest pages completed in one second of the window; degraded: pages with a panel stale or unavailable.");
        text.AppendLine();
        text.AppendLine("| MaxAge | conc. | pages/s | worst 1 s | TTFB p50 | TTFB p90 | TTFB p99 | full p50 | full p90 | full p99 | errors | degraded | upstream calls/view | peak RSS MB | anon / file / shmem | threads | app CPU | loadgen CPU | machine busy | load avg |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            foreach (var l in run.Levels)
            {
                var degraded = l.Pages == 0 ? 0 : 100.0 * l.DegradedPages / l.Pages;
                Line(text, $"| {run.MaxAgeSeconds:0.##} s | {l.Concurrency} | {l.PagesPerSecond:0.0} | {l.PagesPerSecondTimeline.DefaultIfEmpty().Min()} | {Ms(l.TimeToFirstByteMs.P50)} | {Ms(l.TimeToFirstByteMs.P90)} | {Ms(l.TimeToFirstByteMs.P99)} | "
                    + $"{Ms(l.FullPageMs.P50)} | {Ms(l.FullPageMs.P90)} | {Ms(l.FullPageMs.P99)} | {l.Errors} | {degraded:0.0}% | {l.UpstreamCallsPerView:0.000} | "
                    + $"{l.PeakRssMb:0} | {l.PeakRssAnonymousMb:0} / {l.PeakRssFileMb:0} / {l.PeakRssSharedMb:0} | {l.PeakThreads} | {l.AppCpuCores:0.00} | {l.LoadGeneratorCpuCores:0.00} | {l.MachineCpuBusyPercent:0}% | {l.LoadAverageAtStart:0.0} |");
            }
        }

        text.AppendLine();
        text.AppendLine("Targets:");
        foreach (var run in runs)
        {
            var c50 = run.Levels.FirstOrDefault(l => l.Concurrency == 50);
            var c500 = run.Levels.FirstOrDefault(l => l.Concurrency == 500);
            var name = $"MaxAge {run.MaxAgeSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s";
            if (c50 is not null)
            {
                Target(text, $"{name}: TTFB p99 <= {TtfbP99TargetMs} ms at c=50", c50.TimeToFirstByteMs.P99 <= TtfbP99TargetMs, $"{Ms(c50.TimeToFirstByteMs.P99)} ms");
                if (run.MaxAgeSeconds > 0)
                {
                    Target(text, $"{name}: full page p50 <= {CachedFullP50TargetMs} ms at c=50", c50.FullPageMs.P50 <= CachedFullP50TargetMs, $"{Ms(c50.FullPageMs.P50)} ms");
                    Target(text, $"{name}: >= {CachedPagesPerSecondTarget} pages/s at c=50", c50.PagesPerSecond >= CachedPagesPerSecondTarget, $"{c50.PagesPerSecond:0} pages/s");
                }
                else
                {
                    Target(text, $"{name}: upstream calls per view well below 1 (< {FreshCallsPerViewTarget}) at c=50", c50.UpstreamCallsPerView < FreshCallsPerViewTarget, $"{c50.UpstreamCallsPerView:0.000}");
                }
            }

            if (c500 is not null)
            {
                Target(text, $"{name}: peak memory <= {PeakMemoryTargetMb} MB at c=500", c500.PeakRssMb <= PeakMemoryTargetMb, $"{c500.PeakRssMb:0} MB (VmHWM {c500.HighWaterMarkMb:0} MB)");
            }

            var errors = run.Levels.Sum(l => l.Errors);
            Target(text, $"{name}: no invalid responses", errors == 0, $"{errors} errors");
        }

        return text.ToString();
    }

    private static void Target(StringBuilder text, string what, bool met, string actual) =>
        Line(text, $"- {(met ? "MET   " : "MISSED")} {what}: {actual}");

    private static string Ms(double value) => value.ToString(value < 10 ? "0.00" : value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(FormattableString.Invariant(line));

    private static void Line(StringBuilder text, string line) => text.AppendLine(line);
}
