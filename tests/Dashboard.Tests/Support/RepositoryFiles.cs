namespace Dashboard.Tests.Support;

/// <summary>Files of the repository the tests were built from (README.md, appsettings.json, docs/): found by walking
/// up from the test binaries to Dashboard.sln.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string?> Found = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    });

    /// <summary>The repository root, or null when the tests run outside a checkout.</summary>
    public static string? RootOrNull => Found.Value;

    public static string Root => Found.Value ?? throw new InvalidOperationException($"Dashboard.sln not found above {AppContext.BaseDirectory}.");

    public static string PathOf(string relative) => Path.Combine(Root, relative);
}
