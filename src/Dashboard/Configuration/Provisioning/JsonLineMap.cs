using System.Text;
using System.Text.Json;

namespace Dashboard.Configuration.Provisioning;

/// <summary>The line each property and array element of a JSON document starts on, by its configuration-style path
/// (<c>Panels:0:Source</c>, case-insensitive), so a validation message about a key can name the line to look at.
/// System.Text.Json reports lines only for syntax errors; this walks the document once with a reader.</summary>
public sealed class JsonLineMap
{
    public static JsonReaderOptions ReaderOptions { get; } = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly Dictionary<string, int> lines;

    private JsonLineMap(Dictionary<string, int> lines) => this.lines = lines;

    public static JsonLineMap Empty { get; } = new(new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Maps <paramref name="json"/>; throws <see cref="JsonException"/> (with its line) when it is not valid JSON.</summary>
    public static JsonLineMap Build(ReadOnlySpan<byte> json)
    {
        var newlines = new List<long>();
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }

        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var frames = new Stack<Frame>();
        var reader = new Utf8JsonReader(json, ReaderOptions);
        string? pending = null;
        while (reader.Read())
        {
            var line = LineOf(newlines, reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pending = Join(frames.Peek().Path, reader.GetString()!);
                    map.TryAdd(pending, line);
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.Pop();
                    continue;
            }

            // A value: an array element gets its index as its path; a property's value has the property's path.
            var path = frames.Count == 0 ? "" : frames.Peek().IsArray ? Join(frames.Peek().Path, frames.Peek().NextIndex++.ToString(System.Globalization.CultureInfo.InvariantCulture)) : pending ?? "";
            map.TryAdd(path, line);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
            }
        }

        return new JsonLineMap(map);
    }

    public static JsonLineMap Build(string json) => Build(Encoding.UTF8.GetBytes(json));

    /// <summary>The line of <paramref name="path"/>, or of its nearest parent that is in the document (a key the
    /// validator names may be a default the file left out); null for the document itself.</summary>
    public int? LineOf(string path)
    {
        for (var key = path; key.Length > 0; key = key.LastIndexOf(':') is var cut and >= 0 ? key[..cut] : "")
        {
            if (lines.TryGetValue(key, out var line))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>How many segments of <paramref name="path"/> the document has (3 for <c>a:b:c:d</c> when it has <c>a:b:c</c>).</summary>
    public int DepthOf(string path)
    {
        var segments = path.Split(':');
        for (var depth = segments.Length; depth > 0; depth--)
        {
            if (lines.ContainsKey(string.Join(':', segments[..depth])))
            {
                return depth;
            }
        }

        return 0;
    }

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}:{name}";

    private static int LineOf(List<long> newlines, long offset)
    {
        var index = newlines.BinarySearch(offset);
        return (index < 0 ? ~index : index) + 1;
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int NextIndex { get; set; }
    }
}
