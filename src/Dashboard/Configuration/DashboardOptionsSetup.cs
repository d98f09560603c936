using Dashboard.Sources;
using Microsoft.Extensions.Options;

namespace Dashboard.Configuration;

/// <summary>Fills in what binding cannot: source names from their keys, normalised kinds, panel ids.</summary>
public sealed class DashboardOptionsSetup : IPostConfigureOptions<DashboardOptions>
{
    public void PostConfigure(string? name, DashboardOptions options) => Normalize(options);

    public static void Normalize(DashboardOptions options)
    {
        foreach (var (key, source) in options.Sources)
        {
            source.Name = key;
            source.Kind = DashboardConfig.NormalizeKind(source.Kind);
            if (source.Http is { } http)
            {
                http.Method = http.Method.Trim().ToUpperInvariant();
            }
        }

        foreach (var dashboard in options.Dashboards)
        {
            for (var i = 0; i < dashboard.Panels.Count; i++)
            {
                var panel = dashboard.Panels[i];
                panel.Id = string.IsNullOrWhiteSpace(panel.Id) ? $"panel-{i}" : panel.Id.Trim();
                panel.Type = panel.Type.Trim().ToLowerInvariant();
            }
        }
    }

    /// <summary>Binds a fresh options object from configuration (used for reloads, which must not throw).</summary>
    public static DashboardOptions Bind(IConfiguration configuration)
    {
        var options = new DashboardOptions();
        configuration.GetSection(DashboardOptions.Section).Bind(options);
        Normalize(options);
        return options;
    }

    internal static IReadOnlyCollection<string> ConnectionNames(IConfiguration configuration) =>
        configuration.GetSection($"{DashboardOptions.Section}:Connections").GetChildren().Select(c => c.Key).ToArray();
}
