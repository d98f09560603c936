using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dashboard.Sources.Http;

/// <summary>Conversions shared by the shapers: numbers, cell text, list items and locations for reasons.</summary>
internal static class JsonShapeSupport
{
    // Cells are HTML-encoded when rendered, so nested JSON keeps non-ASCII readable instead of \uXXXX.
    private static readonly JsonWriterOptions CompactWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON number, or a string holding one in invariant culture ("12.5", "1e3"); NaN and infinities are not numbers here.</summary>
    public static bool TryGetNumber(JsonElement element, out double number)
    {
        number = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out number) && double.IsFinite(number),
            JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
                && double.IsFinite(number),
            _ => false,
        };
    }

    /// <summary>Text for a table cell or a series label: strings as they are, numbers as written upstream,
    /// booleans as true/false, null as null, objects and arrays as compact JSON.</summary>
    public static string? ToText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Object or JsonValueKind.Array:
                using (var buffer = new MemoryStream())
                {
                    using (var writer = new Utf8JsonWriter(buffer, CompactWriter))
                    {
                        element.WriteTo(writer);
                    }

                    return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                }

            default:
                return null;
        }
    }

    /// <summary>The list a series or table is built from: the wildcard's matches or the selected array's items;
    /// null when the selection is neither.</summary>
    public static IReadOnlyList<JsonElement>? Items(JsonSelection selection) =>
        selection.IsMultiple ? selection.Matches
        : selection.Single.ValueKind == JsonValueKind.Array ? [.. selection.Single.EnumerateArray()]
        : null;

    /// <summary>Where item <paramref name="index"/> sits, for reasons: "'items[2]'" or "'items[*].price' (match 2)".</summary>
    public static string At(JsonSelection selection, int index) => selection.IsMultiple
        ? $"'{selection.Path}' (match {index})"
        : selection.Path == "$" ? $"'$[{index}]'" : $"'{selection.Path}[{index}]'";

    /// <summary>What was selected, for reasons about the selection as a whole.</summary>
    public static string DescribeSelection(JsonSelection selection) => selection.IsMultiple
        ? selection.Matches.Count switch
        {
            0 => "no matches",
            1 => "1 match",
            var n => $"{n} matches",
        }
        : JsonKindText.Describe(selection.Single);
}
