using System.Text;

namespace Dashboard.Sources.Http;

internal enum JsonPathSegmentKind
{
    Key,
    Index,
    Wildcard,
}

/// <summary>One step of a parsed path: an object key, an array index (negative counts from the end) or <c>[*]</c>.</summary>
internal readonly record struct JsonPathSegment(JsonPathSegmentKind Kind, string Key, int Index)
{
    public static JsonPathSegment ForKey(string key) => new(JsonPathSegmentKind.Key, key, 0);

    public static JsonPathSegment ForIndex(int index) => new(JsonPathSegmentKind.Index, "", index);

    public static JsonPathSegment Wildcard { get; } = new(JsonPathSegmentKind.Wildcard, "", 0);

    /// <summary>Renders the canonical form, which parses back to the same segment.</summary>
    public void AppendTo(StringBuilder text, bool first)
    {
        switch (Kind)
        {
            case JsonPathSegmentKind.Key when IsPlain(Key):
                text.Append(first ? "" : ".").Append(Key);
                break;
            case JsonPathSegmentKind.Key:
                text.Append("['").Append(Key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
                break;
            case JsonPathSegmentKind.Index:
                text.Append('[').Append(Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
                break;
            default:
                text.Append("[*]");
                break;
        }
    }

    // Plain keys print unquoted; anything else (spaces, dots, '$', '*', empty) is quoted so it round-trips.
    private static bool IsPlain(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && key[0] != '-';
}
