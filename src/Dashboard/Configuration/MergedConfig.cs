using Dashboard.Configuration.Provisioning;
using Dashboard.Dashboards;

namespace Dashboard.Configuration;

/// <summary>Provisioned units and stored items put together: the rule is that a file is the truth for the items it
/// defines, so a stored item with the same name as a provisioned one is left out (shadowed: kept in storage, shown as
/// such in the admin area, never lost) and storage is the truth for everything else. Also knows, for every validation
/// message about the result, which unit and line it concerns.</summary>
public sealed class MergedConfig
{
    public const string StoredLabel = "stored configuration";

    private const string SourcesKey = $"{DashboardOptions.Section}:Sources:";
    private const string DashboardsKey = $"{DashboardOptions.Section}:Dashboards:";
    private const string DefaultKey = $"{DashboardOptions.Section}:DefaultDashboard";

    private readonly IReadOnlyList<ProvisionedFile> files;
    private readonly Dictionary<string, (ProvisionedFile File, ProvisionedSource Item)> sources;
    private readonly List<(ProvisionedFile File, ProvisionedDashboard Item)?> dashboards;
    private readonly ProvisionedFile? defaultFrom;

    private MergedConfig(
        DashboardOptions options,
        IReadOnlyList<ProvisionedFile> files,
        Dictionary<string, (ProvisionedFile, ProvisionedSource)> sources,
        List<(ProvisionedFile, ProvisionedDashboard)?> dashboards,
        ProvisionedFile? defaultFrom,
        IReadOnlyList<(string File, ProvisioningProblem Problem)> duplicates)
    {
        Options = options;
        this.files = files;
        this.sources = sources;
        this.dashboards = dashboards;
        this.defaultFrom = defaultFrom;
        Duplicates = duplicates;
    }

    public DashboardOptions Options { get; }

    /// <summary>Items defined by more than one unit: the later unit (in path order) is the one in conflict.</summary>
    public IReadOnlyList<(string File, ProvisioningProblem Problem)> Duplicates { get; }

    /// <param name="files">Units in order: appsettings.json first, then the folder's files by path.</param>
    public static MergedConfig Merge(IReadOnlyList<ProvisionedFile> files, StoredConfiguration stored)
    {
        var options = new DashboardOptions();
        var sources = new Dictionary<string, (ProvisionedFile, ProvisionedSource)>(StringComparer.OrdinalIgnoreCase);
        var duplicates = new List<(string, ProvisioningProblem)>();
        foreach (var file in files)
        {
            foreach (var source in file.Sources)
            {
                if (sources.TryGetValue(source.Name, out var first))
                {
                    duplicates.Add((file.Path, file.ProblemAt(source.Key, $"the source '{source.Name}' is already defined in {first.Item2.Origin}")));
                    continue;
                }

                sources[source.Name] = (file, source);
                options.Sources[source.Name] = source.Options;
            }
        }

        foreach (var (name, source) in stored.Options.Sources)
        {
            options.Sources.TryAdd(name, source); // Taken by a file: shadowed.
        }

        var provisionedSlugs = new Dictionary<string, ProvisionedDashboard>(StringComparer.OrdinalIgnoreCase);
        var list = new List<(DashboardDefinition Dashboard, (ProvisionedFile, ProvisionedDashboard)? From)>();
        foreach (var file in files)
        {
            foreach (var dashboard in file.Dashboards)
            {
                // Twice in one unit (appsettings.json) stays in, for the validator's "duplicate slug" at its key.
                if (provisionedSlugs.TryGetValue(dashboard.Dashboard.Slug, out var first) && first.Origin.File != dashboard.Origin.File)
                {
                    duplicates.Add((file.Path, file.ProblemAt(dashboard.Key, $"the dashboard '{dashboard.Dashboard.Slug}' is already defined in {first.Origin}")));
                    continue;
                }

                provisionedSlugs.TryAdd(dashboard.Dashboard.Slug, dashboard);
                list.Add((dashboard.Dashboard, (file, dashboard)));
            }
        }

        list.AddRange(stored.Options.Dashboards.Where(d => !provisionedSlugs.ContainsKey(d.Slug)).Select(d => (d, ((ProvisionedFile, ProvisionedDashboard)?)null)));

        // The stored order (set in the admin area) covers provisioned dashboards too; the rest keep their place.
        var order = stored.Order.Select((slug, at) => (slug, at)).DistinctBy(o => o.slug, StringComparer.OrdinalIgnoreCase).ToDictionary(o => o.slug, o => o.at, StringComparer.OrdinalIgnoreCase);
        list = [.. list.OrderBy(d => order.GetValueOrDefault(d.Dashboard.Slug, int.MaxValue))];
        options.Dashboards = [.. list.Select(d => d.Dashboard)];

        var defaultFrom = files.FirstOrDefault(f => f.DefaultDashboard is not null);
        options.DefaultDashboard = defaultFrom?.DefaultDashboard ?? stored.Options.DefaultDashboard;
        return new MergedConfig(options, files, sources, [.. list.Select(d => d.From)], defaultFrom, duplicates);
    }

    public ConfigProvenance Provenance() => new(
        sources.ToDictionary(s => s.Key, s => s.Value.Item.Origin),
        dashboards.OfType<(ProvisionedFile File, ProvisionedDashboard Item)>().GroupBy(d => d.Item.Dashboard.Slug, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Item.Origin),
        defaultFrom?.Locate(DefaultKey),
        [.. files.Select(f => f.Path)]);

    /// <summary>The unit a validation message concerns (null: a stored item or the whole configuration) and the
    /// message as a problem of that unit, at its line, with the key as the unit spells it.</summary>
    public (string? File, ProvisioningProblem Problem) Attribute(string error)
    {
        var separator = error.IndexOf(": ", StringComparison.Ordinal);
        var key = separator < 0 ? error : error[..separator];
        var message = separator < 0 ? "" : error[(separator + 2)..];
        if (key.StartsWith(SourcesKey, StringComparison.Ordinal))
        {
            var rest = key[SourcesKey.Length..];
            var name = rest.Split(':')[0];
            var tail = rest[name.Length..];
            return sources.TryGetValue(name, out var from)
                ? (from.File.Path, from.File.ProblemAt(Join(from.Item.Key, tail), message))
                : (null, new ProvisioningProblem(StoredLabel, null, $"source '{name}'{tail}: {message}"));
        }

        if (key.StartsWith(DashboardsKey, StringComparison.Ordinal))
        {
            var rest = key[DashboardsKey.Length..];
            var index = rest.Split(':')[0];
            if (int.TryParse(index, System.Globalization.CultureInfo.InvariantCulture, out var at) && at >= 0 && at < dashboards.Count)
            {
                var tail = rest[index.Length..];
                return dashboards[at] is { } dashboard
                    ? (dashboard.File.Path, dashboard.File.ProblemAt(Join(dashboard.Item.Key, tail), message))
                    : (null, new ProvisioningProblem(StoredLabel, null, $"dashboard '{Options.Dashboards[at].Slug}'{tail}: {message}"));
            }
        }

        if (key == DefaultKey && defaultFrom is not null)
        {
            return (defaultFrom.Path, defaultFrom.ProblemAt(DefaultKey, message));
        }

        return (null, new ProvisioningProblem(StoredLabel, null, error));
    }

    /// <summary>Messages that concern the configuration as a whole, not one item (the default dashboard, which may be a
    /// stored one).</summary>
    public static bool IsGlobal(string error) => error.StartsWith(DefaultKey + ": ", StringComparison.Ordinal);

    private static string Join(string itemKey, string tail) => itemKey.Length == 0 ? tail.TrimStart(':') : itemKey + tail;
}
