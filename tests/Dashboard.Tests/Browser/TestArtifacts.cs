namespace Dashboard.Tests.Browser;

/// <summary>Where browser tests keep what a person should look at (screenshots): <c>DASHBOARD_TEST_ARTIFACTS</c>, set by
/// scripts/test.sh to <c>TestResults/artifacts</c> (git ignores TestResults/), or that folder found above the test
/// assembly when run by hand.</summary>
public static class TestArtifacts
{
    public const string FolderVariable = "DASHBOARD_TEST_ARTIFACTS";

    private static readonly Lazy<string> Root = new(Resolve);

    public static string Folder => Root.Value;

    /// <summary>A file in the artifacts folder (created when missing).</summary>
    public static string PathFor(string name) => Path.Combine(Folder, name);

    private static string Resolve()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot() ?? Path.GetTempPath(), "TestResults", "artifacts");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
