namespace Dashboard.Sources.Ranges;

/// <summary>Finds the <c>@name</c> parameters a SQL text uses, skipping string literals, quoted identifiers, dollar
/// quotes and comments, so <c>'user@to.example'</c> or <c>-- @from</c> do not count. <c>:name</c> is not looked for:
/// PostgreSQL's <c>::interval</c> cast would read as a parameter.</summary>
public static class SqlParameterScanner
{
    public static IEnumerable<string> Parameters(string? sql)
    {
        if (string.IsNullOrEmpty(sql))
        {
            yield break;
        }

        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`')
            {
                i = SkipQuoted(sql, i, c);
            }
            else if (c == '[')
            {
                i = SkipPast(sql, i + 1, "]");
            }
            else if (c == '-' && At(sql, i, "--"))
            {
                i = SkipPast(sql, i + 2, "\n");
            }
            else if (c == '/' && At(sql, i, "/*"))
            {
                i = SkipPast(sql, i + 2, "*/");
            }
            else if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                i = SkipPast(sql, i + tag.Length, tag);
            }
            else if (c == '@' && i + 1 < sql.Length && IsNameStart(sql[i + 1]) && (i == 0 || !IsNamePart(sql[i - 1])))
            {
                var end = i + 1;
                while (end < sql.Length && IsNamePart(sql[end]))
                {
                    end++;
                }

                yield return sql[(i + 1)..end];
                i = end;
            }
            else
            {
                i++;
            }
        }
    }

    private static bool At(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    // Quotes are escaped by doubling them ('it''s'), which this reads as two literals back to back.
    private static int SkipQuoted(string sql, int start, char quote)
    {
        var end = sql.IndexOf(quote, start + 1);
        return end < 0 ? sql.Length : end + 1;
    }

    private static int SkipPast(string sql, int from, string terminator)
    {
        var end = sql.IndexOf(terminator, from, StringComparison.Ordinal);
        return end < 0 ? sql.Length : end + terminator.Length;
    }

    /// <summary>A PostgreSQL dollar quote opening here (<c>$$</c> or <c>$tag$</c>), or null (<c>$1</c> is a parameter).</summary>
    private static string? DollarTag(string sql, int start)
    {
        var end = start + 1;
        while (end < sql.Length && (char.IsAsciiLetter(sql[end]) || sql[end] == '_' || (end > start + 1 && char.IsAsciiDigit(sql[end]))))
        {
            end++;
        }

        return end < sql.Length && sql[end] == '$' ? sql[start..(end + 1)] : null;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
