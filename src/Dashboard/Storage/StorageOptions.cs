namespace Dashboard.Storage;

/// <summary>Where Dashboard keeps its own state (bound from <c>Dashboard:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>For sqlite a relative <c>Data Source</c> is resolved against the content root; the folder is created.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/dashboard.db";

    /// <summary>Bound on every storage round trip made on behalf of a page.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a refresh waits for shared state (the stored last good value, the fetch coordinator) before it
    /// calls the upstream anyway: a frozen database never costs a page its render deadline. A late answer is still used.</summary>
    public TimeSpan SharedReadWait { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>History points kept per source for sparklines.</summary>
    public int HistoryRetentionDays { get; set; } = 7;

    /// <summary>How long start-up keeps trying to reach storage (1 s, then doubling up to 10 s between tries) before
    /// the process exits with code 3; zero tries once.</summary>
    public TimeSpan StartupRetryTime { get; set; } = TimeSpan.FromMinutes(1);
}
