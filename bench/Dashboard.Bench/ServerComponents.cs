using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dashboard.Bench;

/// <summary>The prerendered Interactive Server components of a page, as blazor.web.js 10.0.12 discovers them: the start
/// markers <c>&lt;!--Blazor:{"type":"server",…}--&gt;</c> (end markers carry only a prerenderId and are skipped) and the
/// application state comment <c>&lt;!--Blazor-Server-Component-State:…--&gt;</c>.</summary>
public sealed partial class ServerComponents
{
    [GeneratedRegex("""<!--\s*Blazor:[^{]*(\{.*?\})\s*-->""", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("""<!--\s*Blazor-Server-Component-State:([A-Za-z0-9+/=]+)\s*-->""")]
    private static partial Regex State();

    private ServerComponents(IReadOnlyList<JsonObject> markers, string applicationState)
    {
        Markers = markers;
        ApplicationState = applicationState;
    }

    /// <summary>Start markers in blazor.web.js's order (by "sequence"), each as the browser sends it.</summary>
    public IReadOnlyList<JsonObject> Markers { get; }

    /// <summary>The protected application state, "" when the page has none.</summary>
    public string ApplicationState { get; }

    public static ServerComponents Parse(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in Marker().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker && (string?)marker["type"] == "server")
            {
                // blazor.web.js numbers every component comment it discovers (uniqueId, from 0) and sends the
                // descriptor with it; the server ignores it, but the wire stays the browser's.
                marker["uniqueId"] = markers.Count;
                markers.Add(marker);
            }
        }

        markers.Sort((a, b) => ((int?)a["sequence"] ?? 0).CompareTo((int?)b["sequence"] ?? 0));
        var state = State().Match(html) is { Success: true } found ? found.Groups[1].Value : "";
        return new ServerComponents(markers, state);
    }

    /// <summary>The first <c>UpdateRootComponents</c> argument: <c>JSON.stringify({batchId, operations})</c> with one
    /// "add" per marker, ssrComponentId counting from 1 and batchId from 1 (the browser's counters on a fresh page).</summary>
    public string AddOperations()
    {
        var operations = new JsonArray();
        for (var i = 0; i < Markers.Count; i++)
        {
            operations.Add(new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = Markers[i].DeepClone(),
            });
        }

        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString();
    }
}
