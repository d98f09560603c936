using Dashboard.Sources;
using Dashboard.Sources.Sql;

namespace Dashboard.Admin;

/// <summary>The source edit form as posted: text fields, durations in seconds. Header values are write-only:
/// the form never carries a stored value back, and an empty value keeps the stored one, as long as the URL still
/// points to the origin (scheme, host, port) the value was entered for.</summary>
public sealed class SourceForm
{
    public const string SqlParametersField = "Sql:Parameters";

    /// <summary>Configuration keys below a source that have a place on the form (validator messages for others are listed at the top).</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(
        [
            "Name", "Kind", "Description", "Shape", "Http", "Http:Url", "Http:Method", "Http:Body", "Http:Path", "Http:Headers", "Http:Query",
            "Sql", "Sql:Connection", "Sql:Query", SqlParametersField, "Sql:CommandTimeout", "Sql:MaxRows", "RenderDeadline", "FetchTimeout", "MaxAge",
            .. ResilienceFields.Fields,
        ],
        StringComparer.OrdinalIgnoreCase);

    private List<HeaderField> headers = [];
    private List<HeaderField> queryParameters = [];
    private List<SqlParameterField> sqlParameters = [];
    private ResilienceFields resilience = new();

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

    /// <summary>The query's named parameters, values shown (they are not secrets). Never null.</summary>
    public List<SqlParameterField> SqlParameters
    {
        get => sqlParameters;
        set => sqlParameters = value ?? [];
    }

    public string? CommandTimeout { get; set; } = "10";

    public string? MaxRows { get; set; } = "100";

    public string? RenderDeadline { get; set; } = "1";

    public string? FetchTimeout { get; set; } = "10";

    public string? MaxAge { get; set; } = "30";

    /// <summary>Retry and circuit-breaker settings. Never null.</summary>
    public ResilienceFields Resilience
    {
        get => resilience;
        set => resilience = value ?? new();
    }

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
            RenderDeadline = FormNumbers.Seconds(source.RenderDeadline),
            FetchTimeout = FormNumbers.Seconds(source.FetchTimeout),
            MaxAge = FormNumbers.Seconds(source.MaxAge),
            Resilience = ResilienceFields.From(source),
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
            form.SqlParameters = [.. sql.Parameters.Select(p => new SqlParameterField { Name = p.Key, Value = p.Value })];
            form.CommandTimeout = FormNumbers.Seconds(sql.CommandTimeout);
            form.MaxRows = FormNumbers.Whole(sql.MaxRows);
        }

        return form;
    }

    /// <summary>The source this form describes, on top of <paramref name="existing"/> (which keeps header and query values
    /// left empty, unless the URL's origin changed: see <see cref="StoredValuesFor"/>). A kind other than the existing one
    /// replaces the other kind's settings: switching to SQL drops the HTTP headers and query, secrets included.</summary>
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

        source.RenderDeadline = FormNumbers.ParseSeconds(RenderDeadline, "RenderDeadline", errors, source.RenderDeadline);
        source.FetchTimeout = FormNumbers.ParseSeconds(FetchTimeout, "FetchTimeout", errors, source.FetchTimeout);
        source.MaxAge = FormNumbers.ParseSeconds(MaxAge, "MaxAge", errors, source.MaxAge, FormNumbers.MaxDuration);
        Resilience.ApplyTo(source, errors);

        if (source.Kind == SourceKinds.Http)
        {
            var http = source.Http ?? new HttpSourceOptions();
            http.Url = (Url ?? "").Trim();
            var (previous, dropped) = StoredValuesFor(existing?.Http, http.Url);
            http.Method = (Method ?? "GET").Trim().ToUpperInvariant();
            http.Body = string.IsNullOrWhiteSpace(Body) ? null : Body;
            http.Path = string.IsNullOrWhiteSpace(Path) ? null : Path.Trim();
            http.Headers = WriteOnly(Headers, previous?.Headers, dropped?.Headers, dropped?.Why, StringComparer.OrdinalIgnoreCase, "Http:Headers", "header", errors);
            http.Query = WriteOnly(QueryParameters, previous?.Query, dropped?.Query, dropped?.Why, StringComparer.Ordinal, "Http:Query", "query parameter", errors);

            source.Http = http;
            source.Sql = null;
        }
        else if (source.Kind == SourceKinds.Sql)
        {
            var sql = source.Sql ?? new SqlSourceOptions();
            sql.Connection = (Connection ?? "").Trim();
            sql.Query = (Query ?? "").Trim();
            sql.Parameters = ParameterValues(SqlParameters, errors);
            sql.CommandTimeout = FormNumbers.ParseSeconds(CommandTimeout, "Sql:CommandTimeout", errors, sql.CommandTimeout);
            sql.MaxRows = FormNumbers.ParseWhole(MaxRows, "Sql:MaxRows", errors, sql.MaxRows);
            source.Sql = sql;
            source.Http = null;
        }

        return source;
    }

    /// <summary>Posted parameter rows as they are (an empty value is an empty string). Whether a name is valid is the
    /// validator's rule; a name given twice is caught here, as the dictionary would silently keep one.</summary>
    private static Dictionary<string, string> ParameterValues(List<SqlParameterField> rows, AdminFieldErrors errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows.Where(p => !string.IsNullOrWhiteSpace(p.Name)))
        {
            var name = row.Name!.Trim();
            if (seen.TryAdd(SqlParameterNames.Key(name), name))
            {
                result[name] = row.Value ?? "";
            }
            else
            {
                errors.Add(SqlParametersField, $"parameter '{name}' is given more than once (as '{seen[SqlParameterNames.Key(name)]}')");
            }
        }

        return result;
    }

    /// <summary>The stored HTTP settings whose write-only values may be kept for <paramref name="url"/>: all of them while
    /// the origin is the same; none once it changed (a value entered for one host must not be sent to another the admin
    /// cannot see it go to), with the dropped ones and why, for the messages.</summary>
    public static (HttpSourceOptions? Kept, StoredValuesDropped? Dropped) StoredValuesFor(HttpSourceOptions? stored, string? url)
    {
        if (stored is null || SourceUrls.SameOrigin(stored.Url, url))
        {
            return (stored, null);
        }

        var why = $"its stored value was dropped because the URL's origin changed from {SourceUrls.Origin(stored.Url) ?? "(none)"} to {SourceUrls.Origin(url) ?? "(not a valid URL)"}";
        return (null, new StoredValuesDropped(stored.Headers, stored.Query, why));
    }

    /// <summary>Posted name/value rows; an empty value keeps the stored one, or is refused with why when it was dropped.</summary>
    private static Dictionary<string, string> WriteOnly(
        List<HeaderField> rows,
        Dictionary<string, string>? stored,
        Dictionary<string, string>? dropped,
        string? droppedWhy,
        StringComparer comparer,
        string field,
        string what,
        AdminFieldErrors errors)
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
            else if (dropped?.ContainsKey(name) == true)
            {
                errors.Add(field, $"{what} '{name}': {droppedWhy}; enter it again (or clear the name to remove it)");
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
}
