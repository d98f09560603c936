using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Dashboards;
using Dashboard.Sources;

namespace Dashboard.Configuration.Provisioning;

/// <summary>Reads the two kinds of file in the provisioning folder. A dashboard file holds one dashboard, exactly as
/// the admin's JSON view and <c>Dashboard:Dashboards</c> items: <c>{ "Slug", "Title", "Description", "Columns",
/// "Panels": [...] }</c> (the slug defaults to the file name). A sources file (under <c>sources/</c>) holds sources by
/// name, exactly as <c>Dashboard:Sources</c>: <c>{ "weather": { "Kind": "http", ... } }</c>. Property names are
/// case-insensitive, comments and trailing commas are allowed (files are written by people), and a property the
/// format does not have is an error rather than silently ignored (a typo would otherwise look like a default).</summary>
public static class ProvisioningFileParser
{
    public static JsonSerializerOptions FileJson { get; } = new(StoredConfigDocuments.Json)
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static ProvisionedFile ParseDashboard(string path, byte[] content)
    {
        var hash = Hash(content);
        if (Read<DashboardDefinition>(path, content, out var lines, out var problem) is not { } dashboard)
        {
            return ProvisionedFile.Unreadable(path, hash, [problem!]);
        }

        if (string.IsNullOrWhiteSpace(dashboard.Slug))
        {
            // One dashboard per file: the file name is a natural default for its URL name.
            dashboard.Slug = System.IO.Path.GetFileNameWithoutExtension(path);
        }

        DashboardOptionsSetup.Normalize(new DashboardOptions { Dashboards = [dashboard] });
        return new ProvisionedFile
        {
            Path = path,
            Hash = hash,
            Content = content,
            Dashboards = [new ProvisionedDashboard(dashboard, "", new ItemOrigin(path, lines.LineOf("") ?? 1))],
            Locate = key => new ItemOrigin(path, lines.LineOf(key)),
        };
    }

    public static ProvisionedFile ParseSources(string path, byte[] content)
    {
        var hash = Hash(content);
        if (Read<Dictionary<string, SourceOptions>>(path, content, out var lines, out var problem) is not { } read)
        {
            return ProvisionedFile.Unreadable(path, hash, [problem!]);
        }

        var sources = new Dictionary<string, SourceOptions>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<ProvisioningProblem>();
        foreach (var (name, source) in read)
        {
            if (source is null)
            {
                problems.Add(new ProvisioningProblem(path, lines.LineOf(name), $"{name}: a source object is required"));
            }
            else if (!sources.TryAdd(name, source))
            {
                problems.Add(new ProvisioningProblem(path, lines.LineOf(name), $"{name}: the source is defined twice in this file (names are case-insensitive)"));
            }
            else if (source.Http is { } http)
            {
                // As binding from configuration does: header names are case-insensitive.
                http.Headers = new Dictionary<string, string>(http.Headers, StringComparer.OrdinalIgnoreCase);
            }
        }

        if (problems.Count > 0)
        {
            return ProvisionedFile.Unreadable(path, hash, problems);
        }

        DashboardOptionsSetup.Normalize(new DashboardOptions { Sources = sources });
        return new ProvisionedFile
        {
            Path = path,
            Hash = hash,
            Content = content,
            Sources = [.. sources.Select(s => new ProvisionedSource(s.Key, s.Value, s.Key, new ItemOrigin(path, lines.LineOf(s.Key))))],
            Locate = key => new ItemOrigin(path, lines.LineOf(key)),
        };
    }

    /// <summary>The problem a <see cref="JsonException"/> describes, at its line and column.</summary>
    public static ProvisioningProblem Problem(string path, JsonException ex)
    {
        // The framework appends " Path: $.x | LineNumber: 3 | BytePositionInLine: 12." to its messages; say it our way.
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        message = (cut < 0 ? message : message[..cut]).TrimEnd();
        if (ex.BytePositionInLine is { } column)
        {
            message = $"column {column + 1}: {message}";
        }

        if (!string.IsNullOrEmpty(ex.Path) && ex.Path != "$")
        {
            message += $" (at {ex.Path})";
        }

        return new ProvisioningProblem(path, ex.LineNumber is { } line ? (int)line + 1 : null, message);
    }

    private static T? Read<T>(string path, byte[] content, out JsonLineMap lines, out ProvisioningProblem? problem)
        where T : class
    {
        lines = JsonLineMap.Empty;
        problem = null;
        if (content.Length == 0)
        {
            problem = new ProvisioningProblem(path, 1, "the file is empty");
            return null;
        }

        try
        {
            lines = JsonLineMap.Build(content);
            if (JsonSerializer.Deserialize<T>(content, FileJson) is { } value)
            {
                return value;
            }
        }
        catch (JsonException ex)
        {
            problem = Problem(path, ex);
            return null;
        }

        problem = new ProvisioningProblem(path, 1, "the file must hold a JSON object, not null");
        return null;
    }
}
