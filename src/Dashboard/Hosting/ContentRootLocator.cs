namespace Dashboard.Hosting;

/// <summary>Finds the folder holding the appsettings.json and wwwroot/ the app uses: the repository
/// root when run from source (whatever the working directory), or the published folder itself.</summary>
public static class ContentRootLocator
{
    public const string EnvironmentVariable = "DASHBOARD_CONTENT_ROOT";

    public static string Find()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "appsettings.json")) && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
