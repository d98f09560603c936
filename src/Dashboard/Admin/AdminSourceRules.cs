using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Sources.Http;

namespace Dashboard.Admin;

/// <summary>Rules the admin area adds for sources an admin types in: no cloud-metadata hosts, no loopback / private
/// hosts unless allowed (<c>Dashboard:Admin:AllowPrivateTargets</c> or <c>AllowedHosts</c>; see
/// <see cref="TargetAddressPolicy"/>) and SQL that is one read-only statement.</summary>
public sealed partial class AdminSourceRules(TargetAddressPolicy targets)
{
    /// <summary>How long a save waits for DNS before giving the URL the benefit of the doubt.</summary>
    public static readonly TimeSpan ResolveBound = TimeSpan.FromSeconds(2);

    private const char DollarMarker = '\u0001';
    private const char AmbiguousMarker = '\u0002';

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|MERGE|UPSERT|REPLACE|DROP|ALTER|CREATE|TRUNCATE|GRANT|REVOKE|COPY|ATTACH|DETACH|PRAGMA|VACUUM|REINDEX|CALL|EXEC|EXECUTE|LOCK|INTO|DO|SET|REFRESH|LISTEN|NOTIFY|COMMIT|ROLLBACK|BEGIN)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WritingKeyword();

    /// <summary>Why this URL may not be used, or null; the host is checked as written (no DNS lookup).</summary>
    public string? CheckUrl(string? url)
    {
        if (AbsoluteUri(url) is not { } uri)
        {
            return null; // Relative paths (this app) are fine; a malformed URL is the validator's message.
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry credentials (user:password@); send them in a header with a {secret:NAME} reference";
        }

        return targets.CheckWrittenHost(uri.IdnHost, uri.Port);
    }

    /// <summary><see cref="CheckUrl"/>, then whether the host resolves to a refused address (within
    /// <see cref="ResolveBound"/>; a failed or slow lookup is not a refusal, the connect-time check still applies).</summary>
    public async Task<string?> CheckUrlAsync(string? url, CancellationToken cancellationToken)
    {
        if (CheckUrl(url) is { } error)
        {
            return error;
        }

        return AbsoluteUri(url) is { HostNameType: UriHostNameType.Dns } uri
            ? await targets.CheckResolvedHostAsync(uri.IdnHost, uri.Port, ResolveBound, cancellationToken)
            : null;
    }

    private static Uri? AbsoluteUri(string? url) =>
        string.IsNullOrWhiteSpace(url) || url.StartsWith('/') || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile ? null : uri;

    /// <summary>Why this query is not a single read-only statement, or null. Only a friendly early message: what
    /// enforces read-only is the database (read-only SQLite files without ATTACH, one statement in a READ ONLY
    /// PostgreSQL transaction; see <see cref="Dashboard.Sources.Sql.SqlConnectionFactory"/>).</summary>
    public static string? CheckSql(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null; // "required" comes from the validator.
        }

        var code = StripLiteralsAndComments(query).Trim();
        if (code.EndsWith(';'))
        {
            code = code[..^1].TrimEnd();
        }

        if (code.Contains(DollarMarker, StringComparison.Ordinal))
        {
            return "must not use '$' (dollar quoting or positional parameters); use @name parameters";
        }

        if (code.Contains(AmbiguousMarker, StringComparison.Ordinal))
        {
            return "must not use backslash escapes in E'...' strings or nested /* */ comments (SQLite and PostgreSQL read them differently)";
        }

        if (code.Contains(';', StringComparison.Ordinal))
        {
            return "must be a single statement (no ';' between statements)";
        }

        var firstWord = code.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimStart('(') ?? "";
        if (!firstWord.Equals("SELECT", StringComparison.OrdinalIgnoreCase) && !firstWord.Equals("WITH", StringComparison.OrdinalIgnoreCase))
        {
            return "must be a read-only query starting with SELECT or WITH";
        }

        if (WritingKeyword().Match(code) is { Success: true } match)
        {
            return $"must be read-only: '{match.Value.ToUpperInvariant()}' is not allowed";
        }

        return null;
    }

    /// <summary>The query with string literals, quoted identifiers and comments blanked out. Where SQLite and
    /// PostgreSQL read the text differently (backslash escapes in <c>E'…'</c>, nested comments) a marker is left instead,
    /// so the check refuses rather than guesses.</summary>
    private static string StripLiteralsAndComments(string sql)
    {
        var text = new StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`')
            {
                var escaped = c == '\'' && IsEscapeStringPrefix(sql, i);
                var end = QuotedEnd(sql, i, c, c);
                text.Append(escaped && sql.AsSpan(i, end - i).Contains('\\') ? AmbiguousMarker : ' ');
                i = end;
            }
            else if (c == '[')
            {
                // SQLite's [quoted identifier]; in PostgreSQL an array subscript, which holds no statement.
                i = QuotedEnd(sql, i, '[', ']');
                text.Append(' ');
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                text.Append(' ');
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var close = end < 0 ? sql.Length : end + 2;
                // PostgreSQL nests comments and SQLite does not, so "/* /* */ … */" hides different code from each.
                text.Append(sql.AsSpan(i + 2, close - i - 2).Contains("/*", StringComparison.Ordinal) ? AmbiguousMarker : ' ');
                i = close - 1;
            }
            else if (c == '$')
            {
                // A PostgreSQL dollar-quoted body could hide anything: refuse rather than parse.
                text.Append(DollarMarker);
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    // The index of the closing quote (a doubled closing quote is part of the text), or the last index when unclosed.
    private static int QuotedEnd(string sql, int open, char opening, char closing)
    {
        var escapes = opening == '\'' && IsEscapeStringPrefix(sql, open);
        for (var end = open + 1; end < sql.Length; end++)
        {
            if (escapes && sql[end] == '\\')
            {
                end++;
            }
            else if (sql[end] == closing)
            {
                if (closing == opening && end + 1 < sql.Length && sql[end + 1] == closing)
                {
                    end++;
                    continue;
                }

                return end;
            }
        }

        return sql.Length - 1;
    }

    // PostgreSQL's E'…' (escape string): an E or e right before the quote, not ending a longer word.
    private static bool IsEscapeStringPrefix(string sql, int quote) =>
        quote > 0 && sql[quote - 1] is 'E' or 'e' && (quote < 2 || !(char.IsLetterOrDigit(sql[quote - 2]) || sql[quote - 2] == '_'));
}
