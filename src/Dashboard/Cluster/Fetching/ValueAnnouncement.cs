using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Sources.Coordination;

namespace Dashboard.Cluster.Fetching;

/// <summary>The payload of <see cref="ClusterChannels.Values"/>: which entry has a new value in storage, its version
/// (the value's fetch time in UTC ticks) and the instance that fetched it, e.g.
/// <c>{"source":"sales","range":null,"version":638...,"from":"web-1/42/a1b2c3"}</c>. Never the value itself.</summary>
public sealed record ValueAnnouncement(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("range")] string? Range,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("from")] string From)
{
    [JsonIgnore]
    public FetchKey Key => new(Source, Range);

    public string ToPayload() => JsonSerializer.Serialize(this);

    /// <summary>The announcement, or null for a payload that is not one (nothing to act on).</summary>
    public static ValueAnnouncement? Parse(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<ValueAnnouncement>(payload) is { Source.Length: > 0, Version: > 0 } announcement ? announcement : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
