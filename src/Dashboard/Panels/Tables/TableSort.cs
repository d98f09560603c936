using Microsoft.Extensions.Primitives;

namespace Dashboard.Panels.Tables;

/// <summary>A table sorted by a click on its header: a plain link to the same page with
/// <c>?sort.{panel id}={column}-{asc|desc}</c>, so it works without JavaScript, survives a reload and can be shared.
/// Anything else in such a parameter is ignored (the table stays in source order).</summary>
public static class TableSort
{
    public const string Prefix = "sort.";

    // Bounds for the page cache key: a viewer cannot make one page into endless cache entries with junk parameters.
    private const int MaxKeyed = 8;
    private const int MaxValueLength = 200;

    public static string QueryKey(string panelId) => Prefix + panelId;

    public static string Value(string column, bool descending) => $"{column}-{(descending ? "desc" : "asc")}";

    /// <summary>The column and direction in <paramref name="value"/> (the column may itself contain dashes), or null.</summary>
    public static TableSortRequest? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxValueLength)
        {
            return null;
        }

        var dash = value.LastIndexOf('-');
        if (dash <= 0)
        {
            return null;
        }

        return value[(dash + 1)..].ToLowerInvariant() switch
        {
            "asc" => new TableSortRequest(value[..dash], false),
            "desc" => new TableSortRequest(value[..dash], true),
            _ => null,
        };
    }

    /// <summary>The sort parameters that can change a rendering, normalised (sorted, lower-case key), for the page
    /// cache key: a sorted table must never be served to a viewer who asked for another order, and parameters that
    /// change nothing must not split the cache.</summary>
    public static string CacheKey(IEnumerable<KeyValuePair<string, StringValues>> query) => string.Join("&", query
        .Where(q => q.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && q.Key.Length > Prefix.Length && q.Value.Count == 1 && Parse(q.Value[0]) is not null)
        .Select(q => $"{q.Key.ToLowerInvariant()}={q.Value[0]}")
        .Order(StringComparer.Ordinal)
        .Take(MaxKeyed));
}

/// <param name="Column">The source's column name, as in the URL.</param>
public sealed record TableSortRequest(string Column, bool Descending);
