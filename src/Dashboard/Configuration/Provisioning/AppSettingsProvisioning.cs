using System.Text.Json;
using Microsoft.Extensions.Configuration.Json;

namespace Dashboard.Configuration.Provisioning;

/// <summary>The configuration's own items (<c>Dashboard:Sources</c>, <c>Dashboard:Dashboards</c>,
/// <c>Dashboard:DefaultDashboard</c> from appsettings.json, its environment variants and environment variables) as one
/// provisioning unit, shown as <c>appsettings.json</c>. The JSON files behind the configuration are read here too: a
/// reload of a file with a syntax error leaves the configuration without that file's keys, which must not look like
/// "every item was removed", and their text gives the line of a key.</summary>
public sealed class AppSettingsProvisioning(IConfiguration configuration)
{
    public const string DisplayName = "appsettings.json";

    public async Task<ProvisionedFile> ReadAsync(CancellationToken cancellationToken)
    {
        var problems = new List<ProvisioningProblem>();
        var files = new List<(string Name, JsonLineMap Lines)>();
        foreach (var (name, path) in JsonFiles())
        {
            try
            {
                files.Add((name, JsonLineMap.Build(await File.ReadAllBytesAsync(path, cancellationToken))));
            }
            catch (JsonException ex)
            {
                problems.Add(ProvisioningFileParser.Problem(name, ex));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Removed or replaced mid-read: the configuration's own reload reports it, and the next change reads it again.
            }
        }

        DashboardOptions options;
        try
        {
            options = DashboardOptionsSetup.Bind(configuration);
        }
        catch (InvalidOperationException ex)
        {
            // "Failed to convert configuration value at 'Dashboard:Dashboards:0:Panels:0:Width' to type 'System.Int32'."
            problems.Add(new ProvisioningProblem(DisplayName, null, ex.Message));
            options = new DashboardOptions();
        }

        var hash = ProvisioningFileParser.Hash(JsonSerializer.SerializeToUtf8Bytes(options, StoredConfigDocuments.Json));
        if (problems.Count > 0)
        {
            return ProvisionedFile.Unreadable(DisplayName, hash, problems);
        }

        // Later configuration sources override earlier ones: the last file that has a key is where it comes from.
        files.Reverse();
        ItemOrigin Locate(string key)
        {
            var best = files.Select(f => (f.Name, f.Lines, Depth: f.Lines.DepthOf(key))).DefaultIfEmpty().MaxBy(f => f.Depth);
            return best.Depth > 0 ? new ItemOrigin(best.Name, best.Lines.LineOf(key)) : new ItemOrigin(DisplayName, null);
        }

        const string sources = $"{DashboardOptions.Section}:Sources";
        const string dashboards = $"{DashboardOptions.Section}:Dashboards";
        return new ProvisionedFile
        {
            Path = DisplayName,
            Hash = hash,
            Sources = [.. options.Sources.Select(s => new ProvisionedSource(s.Key, s.Value, $"{sources}:{s.Key}", Locate($"{sources}:{s.Key}")))],
            Dashboards = [.. options.Dashboards.Select((d, i) => new ProvisionedDashboard(d, $"{dashboards}:{i}", Locate($"{dashboards}:{i}")))],
            DefaultDashboard = string.IsNullOrEmpty(options.DefaultDashboard) ? null : options.DefaultDashboard,
            Locate = Locate,
        };
    }

    /// <summary>The configuration's JSON files that exist on disk, in the order they were added.</summary>
    private IEnumerable<(string Name, string Path)> JsonFiles()
    {
        if (configuration is not IConfigurationRoot root)
        {
            yield break;
        }

        foreach (var provider in root.Providers.OfType<JsonConfigurationProvider>())
        {
            if (provider.Source.Path is { } path && provider.Source.FileProvider?.GetFileInfo(path) is { Exists: true, PhysicalPath: { } physical })
            {
                yield return (System.IO.Path.GetFileName(physical), physical);
            }
        }
    }
}
