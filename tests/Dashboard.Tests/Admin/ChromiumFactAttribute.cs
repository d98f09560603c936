namespace Dashboard.Tests.Admin;

/// <summary>A browser test: skipped with a reason when Debian's Chromium is not installed, except under CI=true.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"Chromium is not installed at {ExecutablePath} (apt-get install chromium)";
        }
    }
}
