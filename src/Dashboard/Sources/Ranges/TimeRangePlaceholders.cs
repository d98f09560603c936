using System.Text.RegularExpressions;
using Dashboard.Sources.Sql;

namespace Dashboard.Sources.Ranges;

/// <summary>Where a source names the dashboard's time range. HTTP: <c>{from}</c>, <c>{to}</c>, <c>{interval}</c>, each
/// optionally with a form (<c>{from:ms}</c>, <c>{from:s}</c>), in the URL, query values, the body and header values.
/// SQL: the parameters <c>@from</c>, <c>@to</c> and <c>@interval</c> in the query text. A source that names none ignores
/// the range: the engine keeps one cache entry for it whatever range a page shows. Pure, so the configuration
/// validator can call <see cref="Problems"/> and the engine <see cref="UsesRange"/>.</summary>
public static partial class TimeRangePlaceholders
{
    /// <summary>The forms an HTTP placeholder may take after its name: none (ISO 8601), <c>ms</c>, <c>s</c>.</summary>
    public static IReadOnlyList<string> Forms { get; } = ["ms", "s"];

    // Any form is matched, so an unknown one is reported rather than sent to the upstream as text.
    [GeneratedRegex(@"\{(from|to|interval)(?::([^{}]*))?\}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    internal static partial Regex HttpPlaceholder();

    /// <summary>Every use of the range in the source, in the order of the places above.</summary>
    public static IReadOnlyList<TimePlaceholder> Find(SourceOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var found = new List<TimePlaceholder>();
        if (source.Http is { } http)
        {
            IEnumerable<string?> texts = [http.Url, .. http.Query.Values, http.Body, .. http.Headers.Values];
            foreach (var text in texts)
            {
                found.AddRange(InHttpText(text));
            }
        }

        if (source.Sql is { } sql)
        {
            found.AddRange(InSql(sql.Query));
        }

        return found;
    }

    /// <summary>Whether values of the source depend on the time range (one cache entry per range), or not (one entry).</summary>
    public static bool UsesRange(SourceOptions source) => Find(source).Count > 0;

    public static IEnumerable<TimePlaceholder> InHttpText(string? text) => text is null
        ? []
        : HttpPlaceholder().Matches(text).Select(m => new TimePlaceholder(
            m.Groups[1].Value.ToLowerInvariant(),
            m.Groups[2].Success ? m.Groups[2].Value.ToLowerInvariant() : null,
            m.Value));

    public static IEnumerable<TimePlaceholder> InSql(string? query) => SqlParameterScanner.Parameters(query)
        .Where(IsReservedSqlName)
        .Select(name => new TimePlaceholder(name.ToLowerInvariant(), null, "@" + name));

    /// <summary>True for a SQL parameter name (with or without its prefix) that the time range binds.</summary>
    public static bool IsReservedSqlName(string name) =>
        TimePlaceholder.Names.Contains(SqlParameterNames.Key(name), StringComparer.OrdinalIgnoreCase);

    /// <summary>What is wrong with the source's use of the range, one message each (empty when nothing): an HTTP form
    /// that does not exist, or a configured SQL parameter whose name the range binds.</summary>
    public static IReadOnlyList<string> Problems(SourceOptions source) => [.. ProblemsByField(source).Select(p => p.Message)];

    /// <summary><see cref="Problems"/>, each with the configuration field it is about (<c>Http:Url</c>, <c>Http:Query</c>,
    /// <c>Http:Body</c>, <c>Http:Headers</c>, <c>Sql:Parameters</c>), so forms show it beside that field.</summary>
    public static IReadOnlyList<(string Field, string Message)> ProblemsByField(SourceOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var problems = new List<(string Field, string Message)>();
        if (source.Http is { } http)
        {
            (string Field, IEnumerable<string?> Texts)[] places =
                [("Http:Url", [http.Url]), ("Http:Query", http.Query.Values), ("Http:Body", [http.Body]), ("Http:Headers", http.Headers.Values)];
            foreach (var (field, texts) in places)
            {
                foreach (var placeholder in texts.SelectMany(InHttpText).Where(p => p.Form is not null && !Forms.Contains(p.Form)).DistinctBy(p => p.Text))
                {
                    problems.Add((field, $"'{placeholder.Text}' is not a time placeholder: use {{{placeholder.Name}}} (ISO 8601), {{{placeholder.Name}:ms}} or {{{placeholder.Name}:s}}"));
                }
            }
        }

        foreach (var name in source.Sql?.Parameters.Keys.Where(IsReservedSqlName) ?? [])
        {
            problems.Add(("Sql:Parameters", $"parameter '{name}' is reserved: @from, @to and @interval are the dashboard's time range"));
        }

        return problems;
    }
}
