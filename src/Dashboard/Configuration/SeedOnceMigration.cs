using System.Text.Json;
using Dashboard.Storage;

namespace Dashboard.Configuration;

/// <summary>Configuration migration "seed once → provisioning", run once per database at the first start of a version
/// with provisioning. Versions before it copied the file configuration into an empty database ("seed once") and ignored
/// the file afterwards. Now the file is the truth for the items it defines, so the stored copies are either redundant
/// (identical to their file item: deleted, nothing changes on any page) or edits made in the admin area since (kept,
/// shadowed by the file: listed in the admin area and the log as such, to be moved into the file, saved as a copy or
/// deleted). Items created in the admin area stay as they are. The result is written in one transaction by
/// <see cref="IDashboardStore.AdoptProvisioningRulesAsync"/>, so of several instances starting at once one migrates.</summary>
public static class SeedOnceMigration
{
    public sealed record Plan(IReadOnlyList<StoredConfigItem> Redundant, IReadOnlyList<(StoredConfigItem Item, string Origin)> Shadowed)
    {
        public string Summary =>
            $"seed once → provisioning: {Redundant.Count} stored copies identical to their file item deleted"
            + (Redundant.Count == 0 ? "" : $" ({string.Join(", ", Redundant.Select(Describe))})")
            + $"; {Shadowed.Count} stored items that differ from their file item kept, shadowed by the file"
            + (Shadowed.Count == 0 ? "" : $" ({string.Join(", ", Shadowed.Select(s => $"{Describe(s.Item)} by {s.Origin}"))})");

        private static string Describe(StoredConfigItem item) => $"{item.Kind} '{item.Name}'";
    }

    /// <summary>What to do with each stored item, given the configuration now in force (with its provenance).</summary>
    public static Plan PlanFor(IReadOnlyList<StoredConfigItem> stored, DashboardConfig inForce)
    {
        var redundant = new List<StoredConfigItem>();
        var shadowed = new List<(StoredConfigItem, string)>();
        foreach (var item in stored)
        {
            var (origin, provisioned, mine) = item.Kind switch
            {
                StoredConfigKinds.Source when inForce.Provenance.SourceOrigin(item.Name) is { } o =>
                    (o, Json(inForce.FindSource(item.Name)), Json(Normalized(StoredConfigDocuments.ReadSource(item)))),
                StoredConfigKinds.Dashboard when inForce.Provenance.DashboardOrigin(item.Name) is { } o =>
                    (o, Json(inForce.FindDashboard(item.Name)), Json(StoredConfigDocuments.ReadNormalizedDashboard(item))),
                _ => default,
            };
            if (origin is null)
            {
                continue;
            }

            if (provisioned == mine)
            {
                redundant.Add(item);
            }
            else
            {
                shadowed.Add((item, origin.ToString()));
            }
        }

        return new Plan(redundant, shadowed);
    }

    private static Sources.SourceOptions Normalized(Sources.SourceOptions source)
    {
        DashboardOptionsSetup.Normalize(new DashboardOptions { Sources = { [source.Name] = source } });
        return source;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, StoredConfigDocuments.Json);
}
