namespace Dashboard.Configuration.Provisioning;

/// <summary>The provisioning folder (<c>Dashboard:Provisioning</c>): dashboards and sources defined in files, applied
/// without a restart.</summary>
public sealed class ProvisioningOptions
{
    public const string Section = "Dashboard:Provisioning";

    /// <summary>The folder; relative paths are under the content root (where appsettings.json is). It need not exist:
    /// files put there later are picked up.</summary>
    public string Path { get; set; } = "provisioning";

    /// <summary>How long the folder must stay quiet after a change before it is read: an editor's save (temporary file,
    /// rename) or a deploy copying many files is read once, whole.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the folder is also checked without a change notification: the fallback where file system
    /// events do not arrive (network or container volumes, exhausted inotify instances). 0 turns it off.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Larger files are refused (a dashboard file is a few KiB).</summary>
    public int MaxFileBytes { get; set; } = 1024 * 1024;

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            yield return $"{Section}:Path: required (the default is 'provisioning')";
        }

        if (Debounce < TimeSpan.Zero || Debounce > TimeSpan.FromMinutes(1))
        {
            yield return $"{Section}:Debounce: {Debounce} must be between 00:00:00 and 00:01:00";
        }

        if (PollInterval != TimeSpan.Zero && (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromHours(1)))
        {
            yield return $"{Section}:PollInterval: {PollInterval} must be 00:00:00 (off) or between 00:00:00.100 and 01:00:00";
        }

        if (MaxFileBytes is < 1024 or > 64 * 1024 * 1024)
        {
            yield return $"{Section}:MaxFileBytes: {MaxFileBytes} must be between 1024 and 67108864";
        }
    }
}
