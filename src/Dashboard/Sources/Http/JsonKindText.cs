using System.Text.Json;

namespace Dashboard.Sources.Http;

/// <summary>Words for what a JSON element is, used in failure reasons ("found an object").</summary>
internal static class JsonKindText
{
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Like <see cref="Describe(JsonValueKind)"/>, with an array's length (it often explains the mismatch).</summary>
    public static string Describe(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.GetArrayLength() switch
        {
            0 => "an empty array",
            1 => "an array of 1 item",
            var n => $"an array of {n} items",
        }
        : Describe(element.ValueKind);
}
