using Microsoft.Data.Sqlite;

namespace Dashboard.Sources.Sql;

/// <summary>SQLite plumbing shared by SQL sources and the demo seeder.</summary>
internal static class SqliteSetup
{
    /// <summary>Parses the connection string and makes a relative <c>Data Source</c> absolute against
    /// <paramref name="contentRootPath"/>, so the file does not depend on the process's working directory.</summary>
    public static SqliteConnectionStringBuilder Resolve(string connectionString, string contentRootPath)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (!string.IsNullOrEmpty(dataSource)
            && dataSource != ":memory:"
            && !dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && !Path.IsPathRooted(dataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRootPath, dataSource));
        }

        return builder;
    }
}
