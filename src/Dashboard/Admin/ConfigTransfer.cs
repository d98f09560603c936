using System.Text.Json;
using Dashboard.Configuration;
using Dashboard.Sources;
using Dashboard.Storage;

namespace Dashboard.Admin;

/// <summary>Export and import of the whole configuration as one JSON document (the <c>Dashboard</c> section's
/// sources, dashboards and default dashboard). Secrets are left out: header and query values are exported empty
/// unless they only reference secrets by name (<c>{secret:NAME}</c>); on import an empty value keeps the stored one,
/// unless the source's URL now points to another origin: then the stored value is dropped and the result says so.
/// SQL parameter values are exported as they are: the source form shows them too (they are query inputs, not credentials;
/// credentials belong in the connection string, which is never stored here).
/// Items provisioned from files are not part of it: the export leaves them out (they are in their files already) and an
/// import naming one is refused (the file is its truth).</summary>
public sealed class ConfigTransfer(
    IDashboardStore store, AdminConfigEditor editor, StoredConfigLayer stored, AdminSourceRules rules, ISecretResolver secrets, StorageDatabaseGuard storage, TimeProvider time)
{
    public const long MaxImportBytes = 1024 * 1024;

    /// <summary>The whole upload request: the file plus room for the multipart framing and the other fields.</summary>
    public const long MaxImportRequestBytes = MaxImportBytes + (64 * 1024);

    private static readonly JsonSerializerOptions Indented = new(StoredConfigDocuments.Json) { WriteIndented = true };

    public async Task<string> ExportAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.GetConfigAsync(cancellationToken);
        var options = StoredConfigDocuments.ToOptions(snapshot.Items);
        var provenance = editor.InForce.Provenance;
        foreach (var name in options.Sources.Keys.Where(n => provenance.SourceOrigin(n) is not null).ToList())
        {
            options.Sources.Remove(name);
        }

        options.Dashboards.RemoveAll(d => provenance.DashboardOrigin(d.Slug) is not null);
        foreach (var source in options.Sources.Values)
        {
            if (source.Http is { } http)
            {
                http.Headers = http.Headers.ToDictionary(h => h.Key, h => Exportable(h.Value), StringComparer.OrdinalIgnoreCase);
                http.Query = http.Query.ToDictionary(q => q.Key, q => Exportable(q.Value), StringComparer.Ordinal);
            }
        }

        return JsonSerializer.Serialize(options, Indented);
    }

    /// <summary>Validates the upload in full and applies it atomically (replace, or merge over the stored configuration),
    /// or returns every error and changes nothing.</summary>
    public async Task<ImportResult> ImportAsync(string json, bool merge, string user, CancellationToken cancellationToken)
    {
        DashboardOptions? imported;
        try
        {
            imported = JsonSerializer.Deserialize<DashboardOptions>(json, StoredConfigDocuments.Json);
        }
        catch (JsonException ex)
        {
            return ImportResult.Failed(JsonErrorText.Describe(ex));
        }

        if (imported is null)
        {
            return ImportResult.Failed("the file holds no configuration object");
        }

        var snapshot = await store.GetConfigAsync(cancellationToken);
        var current = StoredConfigDocuments.ToOptions(snapshot.Items);
        var errors = new List<string>();
        var dropped = new List<string>();
        var result = merge ? current : new DashboardOptions();
        foreach (var (name, source) in imported.Sources)
        {
            source.Name = name;
            if (editor.Refusal(StoredConfigKinds.Source, name) is { } provisioned)
            {
                errors.Add($"{DashboardOptions.Section}:Sources:{name}: {provisioned}");
            }

            var previous = current.Sources.GetValueOrDefault(name);
            var key = $"{DashboardOptions.Section}:Sources:{name}";
            if (source.Http is { } http)
            {
                var (kept, gone) = SourceForm.StoredValuesFor(previous?.Http, http.Url);
                http.Headers = FillEmpty(http.Headers, kept?.Headers, $"{key}:Http:Headers", errors, StringComparer.OrdinalIgnoreCase, gone?.Headers, gone?.Why, dropped);
                http.Query = FillEmpty(http.Query, kept?.Query, $"{key}:Http:Query", errors, StringComparer.Ordinal, gone?.Query, gone?.Why, dropped);
                if (rules.CheckUrl(http.Url) is { } urlError)
                {
                    errors.Add($"{key}:Http:Url: {urlError}");
                }

                errors.AddRange(SecretReferenceChecks.Unset(secrets, http).Select(p => $"{key}:{p.Field}: {p.Message}"));
            }

            if (source.Sql is { } sql)
            {
                sql.Parameters = FillEmpty(sql.Parameters, previous?.Sql?.Parameters, $"{key}:Sql:Parameters", errors, StringComparer.Ordinal);
                if (AdminSourceRules.CheckSql(sql.Query) is { } sqlError)
                {
                    errors.Add($"{key}:Sql:Query: {sqlError}");
                }

                if (storage.Check(sql.Connection) is { } connectionError)
                {
                    errors.Add($"{key}:Sql:Connection: {connectionError}");
                }
            }

            result.Sources[name] = source;
        }

        foreach (var dashboard in imported.Dashboards)
        {
            if (editor.Refusal(StoredConfigKinds.Dashboard, dashboard.Slug) is { } provisioned)
            {
                errors.Add($"{DashboardOptions.Section}:Dashboards: '{dashboard.Slug}': {provisioned}");
            }

            var at = result.Dashboards.FindIndex(d => string.Equals(d.Slug, dashboard.Slug, StringComparison.OrdinalIgnoreCase));
            if (at >= 0 && merge)
            {
                result.Dashboards[at] = dashboard;
            }
            else
            {
                result.Dashboards.Add(dashboard);
            }
        }

        if (!merge || !string.IsNullOrEmpty(imported.DefaultDashboard))
        {
            result.DefaultDashboard = imported.DefaultDashboard;
        }

        DashboardOptionsSetup.Normalize(result);
        errors.AddRange(editor.Check(result, [.. result.Dashboards.Select(d => d.Slug)]).Errors);
        if (errors.Count > 0)
        {
            return new ImportResult(errors, []);
        }

        var summary = DashboardConfig.Describe(result) + (dropped.Count == 0 ? "" : $"; dropped stored values: {string.Join("; ", dropped)}");
        await store.ReplaceConfigAsync(
            StoredConfigDocuments.ToItems(result),
            new AuditEntry(time.GetUtcNow(), user, merge ? "import (merge)" : "import (replace)", "configuration", "*", summary),
            cancellationToken);
        await stored.ReloadAsync(cancellationToken);
        return new ImportResult([], dropped);
    }

    /// <summary>Kept only when it is nothing but secret references, optionally after an authorization scheme.</summary>
    private static string Exportable(string value) => ProvisioningExport.IsOnlyReferences(value) ? value : "";

    /// <summary>The values with empty ones filled from <paramref name="stored"/>; an empty one whose stored value was
    /// <paramref name="gone"/> (the origin changed) is left out and listed in <paramref name="dropped"/> with why.</summary>
    private static Dictionary<string, string> FillEmpty(
        Dictionary<string, string> values,
        Dictionary<string, string>? stored,
        string key,
        List<string> errors,
        StringComparer comparer,
        Dictionary<string, string>? gone = null,
        string? goneWhy = null,
        List<string>? dropped = null)
    {
        var result = new Dictionary<string, string>(comparer);
        foreach (var (name, value) in values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                result[name] = value;
            }
            else if (stored?.TryGetValue(name, out var kept) == true)
            {
                result[name] = kept;
            }
            else if (gone?.ContainsKey(name) == true)
            {
                dropped?.Add($"{key}:{name}: {goneWhy}; it was left out, enter it on the source's form");
            }
            else
            {
                errors.Add($"{key}:{name}: empty, and there is no stored value to keep (exports leave values out; fill it in)");
            }
        }

        return result;
    }
}
