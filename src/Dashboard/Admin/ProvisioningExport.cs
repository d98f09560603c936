using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Configuration;
using Dashboard.Configuration.Provisioning;
using Dashboard.Dashboards;
using Dashboard.Sources;

namespace Dashboard.Admin;

/// <summary>Writes dashboards and sources in exactly the format the provisioning folder reads
/// (<see cref="ProvisioningFileParser"/>): a dashboard as <c>{slug}.json</c>, a source as <c>sources/{name}.json</c>
/// (one source per file, so two exports never define the same source twice), several in a zip laid out like the folder.
/// Secrets are left out: a header or query value that is not only <c>{secret:NAME}</c> references becomes the reference
/// <c>{secret:SOURCE_FIELD}</c> (see <see cref="SecretName"/>), so a committed file carries no secret and a deployed one says
/// which secret to set instead of failing silently.</summary>
public static partial class ProvisioningExport
{
    private static readonly JsonSerializerOptions Indented = new(StoredConfigDocuments.Json) { WriteIndented = true };

    public static string DashboardFileName(string slug) => $"{slug}.json";

    public static string SourceFileName(string name) => $"{ProvisioningFolder.SourcesFolder}/{name}.json";

    public static byte[] DashboardFile(DashboardDefinition dashboard) => JsonSerializer.SerializeToUtf8Bytes(dashboard, Indented);

    public static byte[] SourceFile(SourceOptions source) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, SourceOptions> { [source.Name] = WithoutSecrets(source) }, Indented);

    /// <summary>A zip of <paramref name="dashboards"/> and <paramref name="sources"/>, laid out as the provisioning folder.</summary>
    public static byte[] Zip(IEnumerable<DashboardDefinition> dashboards, IEnumerable<SourceOptions> sources)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var dashboard in dashboards)
            {
                Add(zip, DashboardFileName(dashboard.Slug), DashboardFile(dashboard));
            }

            foreach (var source in sources)
            {
                Add(zip, SourceFileName(source.Name), SourceFile(source));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The secret a header or query value of <paramref name="source"/> is exported as, when it is not a reference already.</summary>
    public static string SecretName(string source, string field) => NotAllowed().Replace($"{source}_{field}", "_").ToUpperInvariant();

    /// <summary>(field, secret name) for every value an export of <paramref name="source"/> replaces with a reference.</summary>
    public static IEnumerable<(string Field, string Secret)> ReplacedSecrets(SourceOptions source) =>
        source.Http is not { } http ? [] :
        http.Headers.Concat(http.Query).Where(v => !IsOnlyReferences(v.Value)).Select(v => (v.Key, SecretName(source.Name, v.Key)));

    private static SourceOptions WithoutSecrets(SourceOptions source)
    {
        var copy = StoredConfigDocuments.ReadSource(new Storage.StoredConfigItem(Storage.StoredConfigKinds.Source, source.Name, JsonSerializer.Serialize(source, StoredConfigDocuments.Json), 0));
        if (copy.Http is { } http)
        {
            http.Headers = http.Headers.ToDictionary(h => h.Key, h => Exported(copy.Name, h.Key, h.Value), StringComparer.OrdinalIgnoreCase);
            http.Query = http.Query.ToDictionary(q => q.Key, q => Exported(copy.Name, q.Key, q.Value), StringComparer.Ordinal);
        }

        return copy;
    }

    private static string Exported(string source, string field, string value) => IsOnlyReferences(value) ? value : $"{{secret:{SecretName(source, field)}}}";

    /// <summary>Nothing but secret references, optionally after an authorization scheme (<c>Bearer {secret:TOKEN}</c>).</summary>
    public static bool IsOnlyReferences(string value) =>
        value.Contains("{secret:", StringComparison.Ordinal)
        && Reference().Replace(value, "").Trim() is "" or "Bearer" or "Basic" or "Token" or "ApiKey";

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }

    [GeneratedRegex(@"\{secret:[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    [GeneratedRegex("[^A-Za-z0-9_.-]", RegexOptions.CultureInvariant)]
    private static partial Regex NotAllowed();
}
