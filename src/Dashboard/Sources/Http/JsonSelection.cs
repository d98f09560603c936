using System.Text.Json;

namespace Dashboard.Sources.Http;

/// <summary>What a <see cref="JsonPathSelector"/> matched. Without a wildcard there is exactly one match;
/// with one, <see cref="Matches"/> is the (possibly empty) list of matches in document order.
/// The elements live only as long as their <see cref="JsonDocument"/>.</summary>
public sealed class JsonSelection
{
    public JsonSelection(string path, IReadOnlyList<JsonElement> matches, bool isMultiple)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(matches);
        if (!isMultiple && matches.Count != 1)
        {
            throw new ArgumentException("a single selection needs exactly one match", nameof(matches));
        }

        Path = path;
        Matches = matches;
        IsMultiple = isMultiple;
    }

    /// <summary>The canonical path text used in reasons (<c>$</c> for the whole document).</summary>
    public string Path { get; }

    /// <summary>True when the path had a wildcard, so the matches form a list rather than one value.</summary>
    public bool IsMultiple { get; }

    public IReadOnlyList<JsonElement> Matches { get; }

    /// <summary>The one match of a path without a wildcard.</summary>
    public JsonElement Single => IsMultiple
        ? throw new InvalidOperationException($"path '{Path}' has a wildcard; use Matches")
        : Matches[0];

    /// <summary>A selection of one element, e.g. the whole document.</summary>
    public static JsonSelection Of(JsonElement element, string path = "$") => new(path, [element], isMultiple: false);
}
