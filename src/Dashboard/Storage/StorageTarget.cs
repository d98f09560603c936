using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Storage;

/// <summary>Names the storage database for messages: "PostgreSQL at db:5432, database dashboard" or "the SQLite file
/// /srv/data/dashboard.db". Never the user name or password.</summary>
public static class StorageTarget
{
    public static string Describe(StorageOptions options, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            if (StorageProviders.Normalize(options.Provider) == StorageProviders.Postgres)
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                var database = string.IsNullOrEmpty(builder.Database) ? "" : $", database {builder.Database}";
                return $"PostgreSQL at {builder.Host}:{(builder.Port == 0 ? 5432 : builder.Port)}{database}";
            }

            var path = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            return $"the SQLite file {Path.GetFullPath(path, Path.GetFullPath(contentRootPath))}";
        }
        catch (ArgumentException)
        {
            return "the storage database";
        }
    }
}
