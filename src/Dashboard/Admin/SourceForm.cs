using System.Globalization;
using Dashboard.Sources;

namespace Dashboard.Admin;

/// <summary>The source edit form as posted: text fields, durations in seconds. Header values are write-only:
/// the form never carries a stored value back, and an empty value keeps the stored one.</summary>
public sealed class SourceForm
{
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Name", "Kind", "Description", "Shape", "Http", "Http:Url", "Http:Method", "Http:Body", "Http:Path", "Http:Headers", "Http:Query",
        "Sql", "Sql:Connection", "Sql:Query", "Sql:CommandTimeout", "Sql:MaxRows", "RenderDeadline", "FetchTimeout", "MaxAge", "Retry:MaxRetries",
    };

    private List<HeaderField> headers = [];
    private List<HeaderField> queryParameters = [];

    public string? Name { get; set; }

    public string? Kind { get; set; } = SourceKinds.Http;

    public string? Description { get; set; }

    public string? Shape { get; set; } = nameof(ValueShape.Scalar);

    public string? Url { get; set; }

    public string? Method { get; set; } = "GET";

    public string? Body { get; set; }

    public string? Path { get; set; }

    /// <summary>Never null: form binding sets null when no header field was posted.</summary>
    public List<HeaderField> Headers
    {
        get => headers;
        set => headers = value ?? [];
    }

    /// <summary>Query-string parameters, write-only like headers. Never null.</summary>
    public List<HeaderField> QueryParameters
    {
        get => queryParameters;
        set => queryParameters = value ?? [];
    }

    public string? Connection { get; set; }

    public string? Query { get; set; }

    public string? CommandTimeout { get; set; } = "10";

    public string? MaxRows { get; set; } = "100";

    public string? RenderDeadline { get; set; } = "1";

    public string? FetchTimeout { get; set; } = "10";

    public string? MaxAge { get; set; } = "30";

    public string? MaxRetries { get; set; } = "0";

    /// <summary>The version the form was opened at; empty for a new source.</summary>
    public long? Version { get; set; }

    public static SourceForm From(SourceOptions source, long version)
    {
        var form = new SourceForm
        {
            Name = source.Name,
            Kind = source.Kind,
            Description = source.Description,
            Shape = source.Shape.ToString(),
            RenderDeadline = Seconds(source.RenderDeadline),
            FetchTimeout = Seconds(source.FetchTimeout),
            MaxAge = Seconds(source.MaxAge),
            MaxRetries = source.Retry.MaxRetries.ToString(CultureInfo.InvariantCulture),
            Version = version,
        };
        if (source.Http is { } http)
        {
            form.Url = http.Url;
            form.Method = http.Method;
            form.Body = http.Body;
            form.Path = http.Path;

            // Names only: values may carry secrets and are never sent back.
            form.Headers = [.. http.Headers.Keys.Select(k => new HeaderField { Name = k })];
            form.QueryParameters = [.. http.Query.Keys.Select(k => new HeaderField { Name = k })];
        }

        if (source.Sql is { } sql)
        {
            form.Connection = sql.Connection;
            form.Query = sql.Query;
            form.CommandTimeout = Seconds(sql.CommandTimeout);
            form.MaxRows = sql.MaxRows.ToString(CultureInfo.InvariantCulture);
        }

        return form;
    }

    /// <summary>The source this form describes, on top of <paramref name="existing"/> (which keeps what the form does not show:
    /// query parameters, SQL parameters, retry delay, breaker settings, and header values left empty).</summary>
    public SourceOptions ToOptions(SourceOptions? existing, AdminFieldErrors errors)
    {
        var source = existing is null ? new SourceOptions() : Clone(existing);
        source.Name = (Name ?? "").Trim();
        source.Kind = (Kind ?? "").Trim().ToLowerInvariant();
        source.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        if (Enum.TryParse<ValueShape>(Shape, ignoreCase: true, out var shape) && Enum.IsDefined(shape))
        {
            source.Shape = shape;
        }
        else
        {
            errors.Add("Shape", $"'{Shape}' is not a shape; use Scalar, Series or Table");
        }

        source.RenderDeadline = ParseSeconds(RenderDeadline, "RenderDeadline", errors, source.RenderDeadline);
        source.FetchTimeout = ParseSeconds(FetchTimeout, "FetchTimeout", errors, source.FetchTimeout);
        source.MaxAge = ParseSeconds(MaxAge, "MaxAge", errors, source.MaxAge);
        source.Retry.MaxRetries = errors.WholeNumber(MaxRetries, "Retry:MaxRetries", source.Retry.MaxRetries);

        if (source.Kind == SourceKinds.Http)
        {
            var previous = existing?.Http;
            var http = source.Http ?? new HttpSourceOptions();
            http.Url = (Url ?? "").Trim();
            http.Method = (Method ?? "GET").Trim().ToUpperInvariant();
            http.Body = string.IsNullOrWhiteSpace(Body) ? null : Body;
            http.Path = string.IsNullOrWhiteSpace(Path) ? null : Path.Trim();
            http.Headers = WriteOnly(Headers, previous?.Headers, StringComparer.OrdinalIgnoreCase, "Http:Headers", "header", errors);
            http.Query = WriteOnly(QueryParameters, previous?.Query, StringComparer.Ordinal, "Http:Query", "query parameter", errors);

            source.Http = http;
            source.Sql = null;
        }
        else if (source.Kind == SourceKinds.Sql)
        {
            var sql = source.Sql ?? new SqlSourceOptions();
            sql.Connection = (Connection ?? "").Trim();
            sql.Query = (Query ?? "").Trim();
            sql.CommandTimeout = ParseSeconds(CommandTimeout, "Sql:CommandTimeout", errors, sql.CommandTimeout);
            sql.MaxRows = errors.WholeNumber(MaxRows, "Sql:MaxRows", sql.MaxRows);
            source.Sql = sql;
            source.Http = null;
        }

        return source;
    }

    /// <summary>Posted name/value rows; an empty value keeps the stored one.</summary>
    private static Dictionary<string, string> WriteOnly(
        List<HeaderField> rows, Dictionary<string, string>? stored, StringComparer comparer, string field, string what, AdminFieldErrors errors)
    {
        var result = new Dictionary<string, string>(comparer);
        foreach (var row in rows.Where(h => !string.IsNullOrWhiteSpace(h.Name)))
        {
            var name = row.Name!.Trim();
            if (!string.IsNullOrEmpty(row.Value))
            {
                result[name] = row.Value;
            }
            else if (stored?.TryGetValue(name, out var kept) == true)
            {
                result[name] = kept;
            }
            else
            {
                errors.Add(field, $"{what} '{name}' needs a value");
            }
        }

        return result;
    }

    private static SourceOptions Clone(SourceOptions source) =>
        System.Text.Json.JsonSerializer.Deserialize<SourceOptions>(
            System.Text.Json.JsonSerializer.Serialize(source, Configuration.StoredConfigDocuments.Json), Configuration.StoredConfigDocuments.Json)!;

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static TimeSpan ParseSeconds(string? text, string field, AdminFieldErrors errors, TimeSpan fallback)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && Math.Abs(seconds) < 86_400 * 365)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        errors.Add(field, $"'{text}' is not a number of seconds");
        return fallback;
    }
}
