using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Dashboard.Sources.Http;

/// <summary>A small JSONPath-like selector, parsed once and reused for every fetch.
/// Syntax: <c>a.b[0].c</c>, <c>items[*].price</c> (wildcard over an array's items or an object's values),
/// <c>.*</c> (same as <c>[*]</c>), quoted keys <c>['odd key']</c> / <c>["x.y"]</c> (backslash escapes),
/// negative indexes <c>[-1]</c> (last), an optional leading <c>$</c> or <c>$.</c>; empty selects the whole document.
/// After a wildcard, matches lacking the rest of the path are skipped (as in JSONPath); before it, a miss is an error.</summary>
public sealed class JsonPathSelector
{
    private const int KeysListed = 8;
    private readonly JsonPathSegment[] segments;

    private JsonPathSelector(JsonPathSegment[] segments)
    {
        this.segments = segments;
        Path = Render(segments.Length);
        HasWildcard = segments.Any(s => s.Kind == JsonPathSegmentKind.Wildcard);
    }

    /// <summary>The canonical path text (<c>$</c> for the whole document).</summary>
    public string Path { get; }

    public bool HasWildcard { get; }

    public bool IsRoot => segments.Length == 0;

    /// <summary>Parses a path; throws <see cref="FormatException"/> whose message names the position of the problem.</summary>
    public static JsonPathSelector Parse(string? path) =>
        TryParse(path, out var selector, out var error) ? selector : throw new FormatException(error);

    /// <summary>Parses a path without throwing, for configuration validators.</summary>
    public static bool TryParse(string? path, [NotNullWhen(true)] out JsonPathSelector? selector, [NotNullWhen(false)] out string? error)
    {
        selector = null;
        if (!JsonPathParser.TryParse((path ?? "").Trim(), out var segments, out error))
        {
            return false;
        }

        selector = new JsonPathSelector(segments);
        return true;
    }

    /// <summary>Selects from <paramref name="root"/>; a miss throws a non-transient <see cref="SourceFailureException"/>
    /// such as "path 'a.b[3]' not found: index 3 out of range (length 2)".</summary>
    public JsonSelection Select(JsonElement root) =>
        TrySelect(root, out var selection, out var error) ? selection : throw SourceFailureException.UnexpectedData(error);

    public bool TrySelect(JsonElement root, [NotNullWhen(true)] out JsonSelection? selection, [NotNullWhen(false)] out string? error)
    {
        List<JsonElement> current = [root];
        var multiple = false;
        selection = null;
        error = null;
        for (var s = 0; s < segments.Length; s++)
        {
            var next = new List<JsonElement>();
            foreach (var element in current)
            {
                // Under a wildcard a miss just drops that match, so the reason is only worked out when it is needed.
                if (!TryStep(element, segments[s], next, multiple ? null : s, out var detail) && !multiple)
                {
                    error = $"path '{Render(s + 1)}' not found: {detail}";
                    return false;
                }
            }

            multiple |= segments[s].Kind == JsonPathSegmentKind.Wildcard;
            current = next;
        }

        selection = new JsonSelection(Path, current, multiple);
        return true;
    }

    public override string ToString() => Path;

    private bool TryStep(JsonElement element, JsonPathSegment segment, List<JsonElement> into, int? explainAt, out string? detail)
    {
        detail = null;
        switch (segment.Kind)
        {
            case JsonPathSegmentKind.Key when element.ValueKind == JsonValueKind.Object:
                if (element.TryGetProperty(segment.Key, out var value))
                {
                    into.Add(value);
                    return true;
                }

                detail = explainAt is null ? null : $"no key '{segment.Key}' ({ListKeys(element)})";
                return false;
            case JsonPathSegmentKind.Index when element.ValueKind == JsonValueKind.Array:
                var length = element.GetArrayLength();
                var index = segment.Index < 0 ? length + segment.Index : segment.Index;
                if (index >= 0 && index < length)
                {
                    into.Add(element[index]);
                    return true;
                }

                detail = explainAt is null ? null : $"index {segment.Index} out of range (length {length})";
                return false;
            case JsonPathSegmentKind.Wildcard when element.ValueKind == JsonValueKind.Array:
                into.AddRange(element.EnumerateArray());
                return true;
            case JsonPathSegmentKind.Wildcard when element.ValueKind == JsonValueKind.Object:
                into.AddRange(element.EnumerateObject().Select(p => p.Value));
                return true;
            default:
                if (explainAt is { } at)
                {
                    var wanted = segment.Kind switch
                    {
                        JsonPathSegmentKind.Key => "an object",
                        JsonPathSegmentKind.Index => "an array",
                        _ => "an array or object",
                    };
                    detail = $"expected {wanted} at '{Render(at)}', found {JsonKindText.Describe(element)}";
                }

                return false;
        }
    }

    // Naming a few existing keys makes a typo obvious in the admin's "test a source".
    private static string ListKeys(JsonElement obj)
    {
        var names = obj.EnumerateObject().Select(p => p.Name).Take(KeysListed + 1).ToList();
        if (names.Count == 0)
        {
            return "the object is empty";
        }

        var shown = string.Join(", ", names.Take(KeysListed));
        return names.Count > KeysListed ? $"keys: {shown}, …" : $"keys: {shown}";
    }

    // A path starting with a key reads "a.b[3]"; one starting with an index or wildcard keeps the "$" ("$[0].a").
    private string Render(int count)
    {
        if (count == 0)
        {
            return "$";
        }

        var text = new StringBuilder();
        var plainStart = segments[0].Kind == JsonPathSegmentKind.Key;
        if (!plainStart)
        {
            text.Append('$');
        }

        for (var i = 0; i < count; i++)
        {
            segments[i].AppendTo(text, first: i == 0 && plainStart);
        }

        return text.ToString();
    }
}
