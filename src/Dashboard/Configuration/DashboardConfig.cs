using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Dashboards;
using Dashboard.Sources;

namespace Dashboard.Configuration;

/// <summary>An immutable, validated snapshot of sources and dashboards. Pages take one snapshot per
/// request, so a concurrent edit never shows half a configuration.</summary>
public sealed class DashboardConfig
{
    private readonly Dictionary<string, string> fingerprints;

    public DashboardConfig(DashboardOptions options, long version, ConfigProvenance? provenance = null)
    {
        Options = options;
        Version = version;
        Provenance = provenance ?? ConfigProvenance.None;
        fingerprints = options.Sources.ToDictionary(s => s.Key, s => Fingerprint(s.Value), StringComparer.OrdinalIgnoreCase);
    }

    public DashboardOptions Options { get; }

    /// <summary>Changes with every applied change: the stored <c>config_version</c> once the database is read (what the
    /// admin area and /health show), a counter of file reloads before.</summary>
    public long Version { get; }

    /// <summary>Which items are provisioned from files, and from where.</summary>
    public ConfigProvenance Provenance { get; }

    public SourceOptions? FindSource(string name) => Options.Sources.GetValueOrDefault(name);

    /// <summary>Identifies a source's configuration: a value fetched under another fingerprint is discarded.</summary>
    public string? FingerprintOf(string sourceName) => fingerprints.GetValueOrDefault(sourceName);

    /// <summary>The dashboard with this slug, or the default one when slug is null.</summary>
    public DashboardDefinition? FindDashboard(string? slug)
    {
        if (slug is null)
        {
            slug = Options.DefaultDashboard;
            if (string.IsNullOrEmpty(slug))
            {
                return Options.Dashboards.FirstOrDefault();
            }
        }

        return Options.Dashboards.FirstOrDefault(d => string.Equals(d.Slug, slug, StringComparison.OrdinalIgnoreCase));
    }

    private static string Fingerprint(SourceOptions source)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(source);
        return Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, 8));
    }

    public static string NormalizeKind(string kind) => kind.Trim().ToLowerInvariant() switch
    {
        SourceKinds.Http => SourceKinds.Http,
        SourceKinds.Sql => SourceKinds.Sql,
        var other => other,
    };

    internal static string Describe(DashboardOptions options)
    {
        var text = new StringBuilder();
        text.Append(options.Sources.Count).Append(" sources, ").Append(options.Dashboards.Count).Append(" dashboards");
        return text.ToString();
    }
}
