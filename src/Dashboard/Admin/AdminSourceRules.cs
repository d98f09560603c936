using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>Rules the admin area adds for sources an admin types in: no link-local or cloud-metadata hosts
/// (unless allowlisted in <c>Dashboard:Admin:AllowedHosts</c>) and SQL that is one read-only statement.</summary>
public sealed partial class AdminSourceRules(IOptionsMonitor<AdminOptions> options)
{
    private static readonly string[] MetadataHosts = ["metadata.google.internal", "metadata", "metadata.azure.com"];
    private static readonly IPAddress AwsIpv6Metadata = IPAddress.Parse("fd00:ec2::254");

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|MERGE|UPSERT|REPLACE|DROP|ALTER|CREATE|TRUNCATE|GRANT|REVOKE|COPY|ATTACH|DETACH|PRAGMA|VACUUM|REINDEX|CALL|EXEC|EXECUTE|LOCK|INTO|DO|SET|REFRESH|LISTEN|NOTIFY|COMMIT|ROLLBACK|BEGIN)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WritingKeyword();

    /// <summary>Why this URL may not be used, or null.</summary>
    public string? CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || url.StartsWith('/'))
        {
            return null; // Relative paths (this app) are fine; a malformed URL is the validator's message.
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry credentials (user:password@); send them in a header with a {secret:NAME} reference";
        }

        var host = uri.IdnHost.Trim('[', ']').TrimEnd('.');
        if (options.CurrentValue.AllowedHosts.Any(h => string.Equals(h.Trim().Trim('[', ']'), host, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (MetadataHosts.Any(m => string.Equals(m, host, StringComparison.OrdinalIgnoreCase)))
        {
            return $"the host '{host}' is a cloud metadata service; add it to Dashboard:Admin:AllowedHosts if you really mean it";
        }

        if (IPAddress.TryParse(host, out var address))
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            var linkLocal = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                ? address.GetAddressBytes() is [169, 254, _, _]
                : address.IsIPv6LinkLocal || address.Equals(AwsIpv6Metadata);
            if (linkLocal)
            {
                return $"the host '{host}' is a link-local / cloud-metadata address; add it to Dashboard:Admin:AllowedHosts if you really mean it";
            }
        }

        return null;
    }

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
