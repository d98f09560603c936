using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dashboard.Admin;

/// <summary>A System.Text.Json error for people: where (line and column, counted from 1, and the property) in words,
/// then what was wrong without the parser's internals ("System.Int32", "isFinalBlock", "BytePositionInLine").</summary>
public static partial class JsonErrorText
{
    [GeneratedRegex(@"\s*(?:Path: .*|LineNumber: .*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Position();

    [GeneratedRegex(@"The JSON value could not be converted to (?<type>[\w.`\[\],\s]+?)\.(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Conversion();

    /// <summary>"not valid JSON at line 3, column 15 (near Panels[0]): '}' is invalid after a property name; expected a ':'".</summary>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var where = exception.LineNumber is { } line
            ? $" at line {line + 1}" + (exception.BytePositionInLine is { } column ? $", column {column + 1}" : "")
            : "";
        var path = exception.Path is { Length: > 1 } p ? $" (near {p.TrimStart('$').TrimStart('.')})" : "";
        return $"not valid JSON{where}{path}: {What(exception.Message)}";
    }

    private static string What(string message)
    {
        var text = Position().Replace(message, "");
        text = Conversion().Replace(text, m => $"expected {Expected(m.Groups["type"].Value)} here.");
        text = text
            .Replace("Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.",
                "the text ends before every { and [ is closed.", StringComparison.Ordinal)
            .Replace("The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, when isFinalBlock is true.",
                "there is no JSON here.", StringComparison.Ordinal)
            .Replace(", when isFinalBlock is true", "", StringComparison.Ordinal)
            .Replace("Expected either", "expected", StringComparison.Ordinal)
            .Replace("', or '", "' or '", StringComparison.Ordinal)
            .Replace(" is an invalid start of a value.", " cannot start a value (a number, \"text\", true, false, null, { or [ can).", StringComparison.Ordinal);
        var sentences = text.Split(". ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.TrimEnd('.'))
            .Select((s, i) => i == 0 || s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]);
        return string.Join("; ", sentences);
    }

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" or "System.Byte" => "a whole number",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.String" => "text in quotes",
        "System.TimeSpan" => "a duration in quotes, like \"00:00:05\"",
        _ when type.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => "a list in [ ]",
        _ when type.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal) => "an object in { }",
        _ => "an object in { }",
    };
}
