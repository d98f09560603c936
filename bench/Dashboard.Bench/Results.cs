namespace Dashboard.Bench;

/// <summary>One configuration's run (written as JSON by <c>load</c>, read by <c>report</c>).</summary>
public sealed class RunResult
{
    public string Label { get; set; } = "";

    public double MaxAgeSeconds { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public MachineInfo Machine { get; set; } = new();

    public List<LevelResult> Levels { get; set; } = [];
}

public sealed class MachineInfo
{
    public int Cores { get; set; }

    public double MemoryGb { get; set; }

    public string Runtime { get; set; } = "";

    public string Os { get; set; } = "";
}

/// <summary>One concurrency level: closed-loop clients for a warm-up, then a measured window.</summary>
public sealed class LevelResult
{
    public int Concurrency { get; set; }

    public double WarmupSeconds { get; set; }

    public double DurationSeconds { get; set; }

    /// <summary>Random pause (0..ThinkMs) a client takes between pages; 0 is a pure closed loop.</summary>
    public double ThinkMs { get; set; }

    /// <summary>Valid pages whose request started in the measured window.</summary>
    public long Pages { get; set; }

    /// <summary>Requests started in the window that failed: exception, non-200, title missing or page incomplete.</summary>
    public long Errors { get; set; }

    public List<string> ErrorSamples { get; set; } = [];

    /// <summary>Valid pages showing at least one panel stale or unavailable (e.g. the 3 s source past its 1 s deadline).</summary>
    public long DegradedPages { get; set; }

    public double PagesPerSecond { get; set; }

    public double MeanPageBytes { get; set; }

    /// <summary>Valid pages completed in each second of the window (whenever started): shows stalls (e.g. every view waiting
    /// for an expired source's refresh) that an average hides.</summary>
    public List<int> PagesPerSecondTimeline { get; set; } = [];

    public Percentiles TimeToFirstByteMs { get; set; } = new();

    public Percentiles FullPageMs { get; set; } = new();

    /// <summary>Calls the fake upstream received during the window, all endpoints.</summary>
    public long UpstreamCalls { get; set; }

    public Dictionary<string, long> UpstreamCallsByEndpoint { get; set; } = [];

    public double UpstreamCallsPerView { get; set; }

    /// <summary>Highest VmRSS sampled (every 50 ms) during this level, warm-up included.</summary>
    public double PeakRssMb { get; set; }

    /// <summary>The peak sample's anonymous part (GC heap, native heaps, stacks).</summary>
    public double PeakRssAnonymousMb { get; set; }

    /// <summary>The peak sample's file-backed part (mapped assemblies and libraries, shared with other processes).</summary>
    public double PeakRssFileMb { get; set; }

    /// <summary>The peak sample's shared-memory part (the runtime's double-mapped code, W^X).</summary>
    public double PeakRssSharedMb { get; set; }

    /// <summary>Most threads the app had at one sample during this level.</summary>
    public long PeakThreads { get; set; }

    /// <summary>VmHWM at the end of this level: the peak since the app started.</summary>
    public double HighWaterMarkMb { get; set; }

    /// <summary>CPU used during the window, in cores (1.0 = one core busy all the time).</summary>
    public double AppCpuCores { get; set; }

    public double LoadGeneratorCpuCores { get; set; }

    public double UpstreamCpuCores { get; set; }

    /// <summary>Whole machine busy share during the window (includes PostgreSQL and anything else running).</summary>
    public double MachineCpuBusyPercent { get; set; }

    public double LoadAverageAtStart { get; set; }
}

public sealed class Percentiles
{
    public double P50 { get; set; }

    public double P90 { get; set; }

    public double P99 { get; set; }

    public double Max { get; set; }

    public static Percentiles Of(List<double> values)
    {
        if (values.Count == 0)
        {
            return new Percentiles();
        }

        values.Sort();
        return new Percentiles { P50 = Rank(values, 0.50), P90 = Rank(values, 0.90), P99 = Rank(values, 0.99), Max = values[^1] };
    }

    // Nearest rank.
    private static double Rank(List<double> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
