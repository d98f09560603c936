using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Dashboard.Sources.Http;

/// <summary>Parses the path syntax of <see cref="JsonPathSelector"/> into segments. Positions in errors
/// are 0-based offsets into the (trimmed) path text.</summary>
internal static class JsonPathParser
{
    private enum State
    {
        Start,
        AfterDot,
        AfterSegment,
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPathSegment[]? segments, [NotNullWhen(false)] out string? error)
    {
        var list = new List<JsonPathSegment>();
        var state = State.Start;
        var i = 0;
        segments = null;
        error = null;

        // '$' is the root only when it stands alone or is followed by '.' or '['; "$x" is a key.
        if (text.Length > 0 && text[0] == '$' && (text.Length == 1 || text[1] is '.' or '['))
        {
            i = 1;
            state = State.AfterSegment;
        }

        while (i < text.Length)
        {
            var c = text[i];
            string? detail;
            if (state == State.AfterSegment && c == '.')
            {
                i++;
                state = State.AfterDot;
                continue;
            }

            if (state != State.AfterDot && c == '[')
            {
                detail = ReadBracket(text, ref i, list);
            }
            else if (state == State.AfterSegment)
            {
                detail = $"expected '.' or '[' at position {i}, found {Found(text, i)}";
            }
            else
            {
                detail = ReadKey(text, ref i, list, state);
            }

            if (detail is not null)
            {
                error = $"invalid path '{text}': {detail}";
                return false;
            }

            state = State.AfterSegment;
        }

        if (state == State.AfterDot)
        {
            error = $"invalid path '{text}': expected a key after '.' at position {i}, found end of path";
            return false;
        }

        segments = [.. list];
        return true;
    }

    private static string? ReadKey(string text, ref int i, List<JsonPathSegment> into, State state)
    {
        var start = i;
        while (i < text.Length && !IsKeyTerminator(text[i]))
        {
            i++;
        }

        if (i == start)
        {
            return state == State.AfterDot
                ? $"expected a key after '.' at position {i}, found {Found(text, i)}"
                : $"expected a key or '[' at position {i}, found {Found(text, i)}";
        }

        var key = text[start..i];
        into.Add(key == "*" ? JsonPathSegment.Wildcard : JsonPathSegment.ForKey(key));
        return null;
    }

    // Whitespace and quotes end a bare key so that mistakes like "a b" or "a'b" fail loudly instead of matching oddly.
    private static bool IsKeyTerminator(char c) => c is '.' or '[' or ']' or '\'' or '"' || char.IsWhiteSpace(c);

    private static string? ReadBracket(string text, ref int i, List<JsonPathSegment> into)
    {
        var open = i;
        i++;
        if (i >= text.Length)
        {
            return $"unterminated '[' at position {open}";
        }

        var c = text[i];
        string? detail;
        if (c == '*')
        {
            i++;
            into.Add(JsonPathSegment.Wildcard);
            detail = null;
        }
        else if (c is '\'' or '"')
        {
            detail = ReadQuoted(text, ref i, into);
        }
        else if (c == '-' || char.IsAsciiDigit(c))
        {
            detail = ReadIndex(text, ref i, into);
        }
        else
        {
            return $"expected an index, '*' or a quoted key at position {i}, found {Found(text, i)}";
        }

        if (detail is not null)
        {
            return detail;
        }

        if (i >= text.Length || text[i] != ']')
        {
            return $"expected ']' at position {i}, found {Found(text, i)}";
        }

        i++;
        return null;
    }

    private static string? ReadQuoted(string text, ref int i, List<JsonPathSegment> into)
    {
        var quote = text[i];
        var start = i;
        var key = new StringBuilder();
        i++;
        while (i < text.Length && text[i] != quote)
        {
            // A backslash takes the next character literally: \' \" \\.
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            key.Append(text[i]);
            i++;
        }

        if (i >= text.Length)
        {
            return $"unterminated quoted key starting at position {start}";
        }

        i++;
        into.Add(JsonPathSegment.ForKey(key.ToString()));
        return null;
    }

    private static string? ReadIndex(string text, ref int i, List<JsonPathSegment> into)
    {
        var start = i;
        if (text[i] == '-')
        {
            i++;
        }

        var digits = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i == digits)
        {
            return $"expected digits after '-' at position {i}, found {Found(text, i)}";
        }

        if (!int.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return $"index at position {start} is too large";
        }

        into.Add(JsonPathSegment.ForIndex(index));
        return null;
    }

    private static string Found(string text, int i) => i >= text.Length ? "end of path" : $"'{text[i]}'";
}
