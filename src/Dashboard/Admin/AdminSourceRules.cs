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

    /// <summary>Why this query is not a single read-only statement, or null.</summary>
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

        if (code.Contains('\u0001', StringComparison.Ordinal))
        {
            return "must not use '$' (dollar quoting or positional parameters); use @name parameters";
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

    /// <summary>The query with string literals, quoted identifiers and comments blanked out.</summary>
    private static string StripLiteralsAndComments(string sql)
    {
        var text = new StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                var end = i + 1;
                while (end < sql.Length)
                {
                    if (sql[end] == c)
                    {
                        if (end + 1 < sql.Length && sql[end + 1] == c)
                        {
                            end += 2;
                            continue;
                        }

                        break;
                    }

                    end++;
                }

                text.Append(' ');
                i = end;
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
                i = end < 0 ? sql.Length : end + 1;
                text.Append(' ');
            }
            else if (c == '$')
            {
                // A PostgreSQL dollar-quoted body could hide anything: refuse rather than parse.
                text.Append('\u0001');
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
