using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Dashboards;
using Dashboard.Sources;
using Dashboard.Storage;

namespace Dashboard.Configuration;

/// <summary>Converts between <see cref="DashboardOptions"/> and stored configuration items: one JSON document per
/// source, per dashboard (with its panels) and one settings document (default dashboard, dashboard order).</summary>
public static class StoredConfigDocuments
{
    public const string SettingsName = "settings";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IReadOnlyList<StoredConfigItem> ToItems(DashboardOptions options)
    {
        var items = new List<StoredConfigItem>();
        foreach (var (name, source) in options.Sources)
        {
            items.Add(new StoredConfigItem(StoredConfigKinds.Source, name, JsonSerializer.Serialize(source, Json), 0));
        }

        foreach (var dashboard in options.Dashboards)
        {
            items.Add(new StoredConfigItem(StoredConfigKinds.Dashboard, dashboard.Slug, JsonSerializer.Serialize(dashboard, Json), 0));
        }

        items.Add(SettingsItem(new StoredSettings
        {
            DefaultDashboard = options.DefaultDashboard,
            DashboardOrder = [.. options.Dashboards.Select(d => d.Slug)],
        }));
        return items;
    }

    public static StoredConfigItem SettingsItem(StoredSettings settings) =>
        new(StoredConfigKinds.Settings, SettingsName, JsonSerializer.Serialize(settings, Json), 0);

    public static SourceOptions ReadSource(StoredConfigItem item)
    {
        var source = JsonSerializer.Deserialize<SourceOptions>(item.Json, Json) ?? new SourceOptions();
        source.Name = item.Name;
        if (source.Http is { } http)
        {
            // Deserialisation loses the case-insensitive comparer binding gives.
            http.Headers = new Dictionary<string, string>(http.Headers, StringComparer.OrdinalIgnoreCase);
        }

        return source;
    }

    public static DashboardDefinition ReadDashboard(StoredConfigItem item) =>
        JsonSerializer.Deserialize<DashboardDefinition>(item.Json, Json) ?? new DashboardDefinition { Slug = item.Name };

    /// <summary>The dashboard with panel ids and types normalised as the running dashboard has them, so admin pages
    /// find a panel by the id they show even when the stored JSON left it out.</summary>
    public static DashboardDefinition ReadNormalizedDashboard(StoredConfigItem item)
    {
        var dashboard = ReadDashboard(item);
        DashboardOptionsSetup.Normalize(new DashboardOptions { Dashboards = [dashboard] });
        return dashboard;
    }

    public static StoredSettings ReadSettings(IEnumerable<StoredConfigItem> items) =>
        items.FirstOrDefault(i => i.Kind == StoredConfigKinds.Settings) is { } item
            ? JsonSerializer.Deserialize<StoredSettings>(item.Json, Json) ?? new StoredSettings()
            : new StoredSettings();

    /// <summary>The options the items describe, normalised like bound configuration.</summary>
    public static DashboardOptions ToOptions(IEnumerable<StoredConfigItem> items)
    {
        var list = items.ToList();
        var options = new DashboardOptions();
        foreach (var item in list.Where(i => i.Kind == StoredConfigKinds.Source))
        {
            options.Sources[item.Name] = ReadSource(item);
        }

        var settings = ReadSettings(list);
        var order = settings.DashboardOrder;
        options.Dashboards = [.. list.Where(i => i.Kind == StoredConfigKinds.Dashboard)
            .Select(ReadDashboard)
            .OrderBy(d => order.IndexOf(d.Slug) is var at and >= 0 ? at : int.MaxValue)
            .ThenBy(d => d.Slug, StringComparer.Ordinal)];
        options.DefaultDashboard = settings.DefaultDashboard;
        DashboardOptionsSetup.Normalize(options);
        return options;
    }
}
