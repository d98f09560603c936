using System.Text;

namespace Dashboard.TimeRanges;

/// <summary>Addresses that show a range: the page's own path and query with <c>from</c>/<c>to</c> replaced (a table's sort
/// and other parameters stay). Values are escaped lightly, so <c>now-6h</c> and ISO times stay readable in a link.</summary>
public static class TimeRangeLinks
{
    public static string For(string path, IEnumerable<KeyValuePair<string, string?>> otherParameters, TimeRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var builder = new StringBuilder(path).Append('?');
        Append(builder, DashboardTimeRanges.FromParameter, range.From.ToString()).Append('&');
        Append(builder, DashboardTimeRanges.ToParameter, range.To.ToString());
        foreach (var (name, value) in Others(otherParameters))
        {
            Append(builder.Append('&'), name, value);
        }

        return builder.ToString();
    }

    /// <summary>The query's parameters other than the range, each value on its own.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Others(IEnumerable<KeyValuePair<string, string?>> parameters) =>
        parameters.Where(p => !string.Equals(p.Key, DashboardTimeRanges.FromParameter, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(p.Key, DashboardTimeRanges.ToParameter, StringComparison.OrdinalIgnoreCase));

    /// <summary>Flattens a request's query (a name may repeat).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Flatten(IQueryCollection query) =>
        query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));

    /// <summary>The range as a query string (<c>from=now-6h&amp;to=now</c>).</summary>
    public static string Query(TimeRange range) => For("", [], range)[1..];

    private static StringBuilder Append(StringBuilder builder, string name, string? value) =>
        builder.Append(Escape(name)).Append('=').Append(Escape(value ?? ""));

    // Unreserved characters and ':' stay as they are (RFC 3986 allows ':' in a query); everything else is escaped.
    private static string Escape(string text) => string.Concat(text.Select(c =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or ':' ? c.ToString() : Uri.EscapeDataString(c.ToString())));
}
