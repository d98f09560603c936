using Dashboard.Sources.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Storage;

/// <summary>Which database a connection string reaches, as comparable text: <c>sqlite:/full/path</c> (relative paths
/// resolved against the content root as the app opens them, symbolic links followed) or
/// <c>postgres:host:port/database</c> (loopback names folded together). Null for an in-memory or unreadable one.</summary>
public static class DatabaseIdentity
{
    private const int DefaultPostgresPort = 5432;

    // Case-insensitive file systems (Windows, macOS) name one file several ways.
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, PathComparison);

    public static string? Of(SqlProvider provider, string connectionString, string contentRootPath)
    {
        try
        {
            return provider == SqlProvider.Postgres ? OfPostgres(connectionString) : OfSqlite(connectionString, contentRootPath);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return null; // Not a usable connection string: the connection fails on its own, with its own message.
        }
    }

    private static string? OfSqlite(string connectionString, string contentRootPath)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return null;
        }

        // A URI filename (file:path?mode=ro): SQLite itself resolves its path against the working directory.
        var path = dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? UriPath(dataSource) : Path.GetFullPath(dataSource, contentRootPath);
        if (path is null)
        {
            return null;
        }

        return "sqlite:" + FollowLinks(path);
    }

    private static string? UriPath(string uri)
    {
        var path = uri[5..];
        var query = path.IndexOfAny(['?', '#']);
        path = Uri.UnescapeDataString(query < 0 ? path : path[..query]);
        if (path.StartsWith("//", StringComparison.Ordinal))
        {
            path = path[2..]; // file://host/path: only an empty host or localhost is allowed, so the path follows.
            path = path.StartsWith('/') ? path : path[path.IndexOf('/', StringComparison.Ordinal)..];
        }

        return path is "" or ":memory:" ? null : Path.GetFullPath(path);
    }

    // Each existing folder or file on the way may be a link; the database is where the last one points.
    private static string FollowLinks(string path)
    {
        var full = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(full);
        var resolvedParent = parent is null || parent == full ? parent : FollowLinks(parent);
        var candidate = resolvedParent is null ? full : Path.Combine(resolvedParent, Path.GetFileName(full));
        FileSystemInfo info = Directory.Exists(candidate) ? new DirectoryInfo(candidate) : new FileInfo(candidate);
        return info.Exists ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate : candidate;
    }

    private static string? OfPostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return null;
        }

        // Npgsql's default database is the user's name.
        var database = string.IsNullOrEmpty(builder.Database) ? builder.Username : builder.Database;
        var port = builder.Port == 0 ? DefaultPostgresPort : builder.Port;
        var hosts = builder.Host.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(Host)
            .Order(StringComparer.Ordinal);
        return $"postgres:{string.Join(',', hosts)}:{port}/{database}";
    }

    private static string Host(string host)
    {
        var name = host.ToLowerInvariant().Trim('[', ']');
        return name is "localhost" or "127.0.0.1" or "::1" ? "loopback" : name;
    }
}
