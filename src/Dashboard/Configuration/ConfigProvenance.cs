using Dashboard.Configuration.Provisioning;

namespace Dashboard.Configuration;

/// <summary>Which items of a configuration snapshot come from files (provisioned, read-only in the admin area) and
/// from where; every other item was created in the admin area (stored).</summary>
public sealed class ConfigProvenance
{
    public ConfigProvenance(
        IReadOnlyDictionary<string, ItemOrigin> sources,
        IReadOnlyDictionary<string, ItemOrigin> dashboards,
        ItemOrigin? defaultDashboard,
        IReadOnlyList<string> files)
    {
        Sources = new Dictionary<string, ItemOrigin>(sources, StringComparer.OrdinalIgnoreCase);
        Dashboards = new Dictionary<string, ItemOrigin>(dashboards, StringComparer.OrdinalIgnoreCase);
        DefaultDashboard = defaultDashboard;
        Files = files;
    }

    public static ConfigProvenance None { get; } = new(new Dictionary<string, ItemOrigin>(), new Dictionary<string, ItemOrigin>(), null, []);

    /// <summary>Provisioned sources by name.</summary>
    public IReadOnlyDictionary<string, ItemOrigin> Sources { get; }

    /// <summary>Provisioned dashboards by slug.</summary>
    public IReadOnlyDictionary<string, ItemOrigin> Dashboards { get; }

    /// <summary>Set when <c>Dashboard:DefaultDashboard</c> comes from a file (the admin's choice is then not in force).</summary>
    public ItemOrigin? DefaultDashboard { get; }

    /// <summary>The provisioning files in force, in order.</summary>
    public IReadOnlyList<string> Files { get; }

    public ItemOrigin? SourceOrigin(string? name) => name is not null && Sources.TryGetValue(name, out var origin) ? origin : null;

    public ItemOrigin? DashboardOrigin(string? slug) => slug is not null && Dashboards.TryGetValue(slug, out var origin) ? origin : null;
}
