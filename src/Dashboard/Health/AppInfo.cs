using System.Reflection;

namespace Dashboard.Health;

/// <summary>Version and start time of this process, for /health and notification bodies.</summary>
public sealed class AppInfo(TimeProvider time)
{
    /// <summary>The assembly's informational version (with the source revision when the build knew it).</summary>
    public static string Version { get; } =
        typeof(AppInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AppInfo).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>When this service was first resolved: at start-up, as the ops registration resolves it eagerly.</summary>
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public TimeSpan Uptime => time.GetUtcNow() - StartedAt;
}
