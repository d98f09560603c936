using Microsoft.Extensions.Options;

namespace Dashboard.Configuration.Provisioning;

/// <summary>The provisioning folder on disk: every <c>*.json</c> below it is a dashboard file, except those under
/// <c>sources/</c>, which are sources files. Files and folders whose names start with '.' are skipped (editors' swap
/// and temporary files). Read in path order, so which of two files defining the same item comes first never depends on
/// the file system.</summary>
public sealed class ProvisioningFolder(IOptions<ProvisioningOptions> options, IHostEnvironment environment)
{
    public const string SourcesFolder = "sources";

    /// <summary>The folder's full path.</summary>
    public string Root { get; } = System.IO.Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    public bool Exists => Directory.Exists(Root);

    /// <summary>Every file as read now (unreadable ones with their problem).</summary>
    public async Task<IReadOnlyList<ProvisionedFile>> ReadAsync(CancellationToken cancellationToken)
    {
        var files = new List<ProvisionedFile>();
        foreach (var file in JsonFiles())
        {
            var shown = DisplayPath(file);
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                continue; // Removed while listing.
            }

            if (info.Length > options.Value.MaxFileBytes)
            {
                files.Add(ProvisionedFile.Unreadable(shown, $"size:{info.Length}", [new ProvisioningProblem(shown, null, $"the file is {info.Length} bytes; at most {options.Value.MaxFileBytes} are read (Dashboard:Provisioning:MaxFileBytes)")]));
                continue;
            }

            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(file, cancellationToken);
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                files.Add(ProvisionedFile.Unreadable(shown, "unreadable", [new ProvisioningProblem(shown, null, $"the file could not be read: {ex.Message}")]));
                continue;
            }

            files.Add(Parse(file, shown, content));
        }

        return files;
    }

    /// <summary><paramref name="content"/> read as the file shown as <paramref name="shownPath"/> (a saved version of it).</summary>
    public ProvisionedFile Parse(string shownPath, byte[] content) =>
        Parse(System.IO.Path.GetFullPath(shownPath, environment.ContentRootPath), shownPath, content);

    /// <summary>A cheap summary of the folder (names, sizes, write times) for the polling fallback: when it differs
    /// from the last one, the folder is read.</summary>
    public string Fingerprint()
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in JsonFiles())
        {
            var info = new FileInfo(file);
            text.Append(file).Append('|').Append(info.Exists ? info.Length : -1).Append('|').Append(info.Exists ? info.LastWriteTimeUtc.Ticks : 0).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The path shown for a file: below the content root when it is there (<c>provisioning/sales.json</c>).</summary>
    public string DisplayPath(string file)
    {
        var relative = System.IO.Path.GetRelativePath(environment.ContentRootPath, file);
        return (relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? file : relative).Replace('\\', '/');
    }

    private IEnumerable<string> JsonFiles()
    {
        if (!Exists)
        {
            return [];
        }

        try
        {
            return Directory.EnumerateFiles(Root, "*.json", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden, IgnoreInaccessible = true })
                .Where(f => !System.IO.Path.GetRelativePath(Root, f).Split(System.IO.Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return []; // Removed while listing.
        }
    }

    private ProvisionedFile Parse(string file, string shown, byte[] content) =>
        IsSourcesFile(file) ? ProvisioningFileParser.ParseSources(shown, content) : ProvisioningFileParser.ParseDashboard(shown, content);

    private bool IsSourcesFile(string file) =>
        System.IO.Path.GetRelativePath(Root, file).Split(System.IO.Path.DirectorySeparatorChar) is [SourcesFolder, _, ..];
}
