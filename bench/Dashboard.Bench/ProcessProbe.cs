using System.Globalization;

namespace Dashboard.Bench;

/// <summary>Reads a process's memory and CPU time, and the machine's CPU counters, from /proc (Linux).</summary>
public static class ProcessProbe
{
    // USER_HZ: 100 on every mainstream Linux kernel configuration.
    private const double ClockTicksPerSecond = 100;


    /// <summary>VmRSS split into anonymous (heaps, stacks), file-backed (mapped assemblies and native
    /// libraries, shared with other processes) and shared memory (the runtime's double-mapped executable
    /// memory), in bytes; null when the process is gone.</summary>
    public static RssBreakdown? Resident(int pid)
    {
        long? rss = null, anon = null, file = null, shmem = null;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                rss ??= Kilobytes(line, "VmRSS:");
                anon ??= Kilobytes(line, "RssAnon:");
                file ??= Kilobytes(line, "RssFile:");
                shmem ??= Kilobytes(line, "RssShmem:");
            }
        }
        catch (IOException)
        {
            return null;
        }

        return rss is { } total ? new RssBreakdown(total, anon ?? 0, file ?? 0, shmem ?? 0) : null;
    }

    /// <summary>VmHWM (peak resident since start) in bytes.</summary>
    public static long? PeakResidentBytes(int pid) => StatusField(pid, "VmHWM:");

    /// <summary>Threads of the process now.</summary>
    public static long? Threads(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    return long.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>User + system CPU time of a process (all threads), or null when it is gone.</summary>
    public static TimeSpan? CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // Fields after the command name (which may hold spaces) start at field 3 (state).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Busy and total jiffies of the whole machine (first line of /proc/stat).</summary>
    public static (long Busy, long Total) MachineCpu()
    {
        using var reader = new StreamReader("/proc/stat");
        var fields = (reader.ReadLine() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }

    public static double LoadAverage1()
    {
        var text = File.ReadAllText("/proc/loadavg");
        return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public static long MachineMemoryBytes() => StatusLine("/proc/meminfo", "MemTotal:") ?? 0;

    private static long? StatusField(int pid, string name) =>
        StatusLine($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status", name);

    private static long? StatusLine(string path, string name)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (Kilobytes(line, name) is { } bytes)
                {
                    return bytes;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    private static long? Kilobytes(string line, string name) =>
        line.StartsWith(name, StringComparison.Ordinal)
            ? long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024
            : null;
}
