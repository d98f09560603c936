using Dashboard.Sources;
using Dashboard.Sources.Sql;
using Microsoft.Extensions.Options;

namespace Dashboard.Storage;

/// <summary>Keeps SQL sources away from the dashboard's own database. It holds the Data Protection key ring (anyone
/// who reads it can forge admin cookies), write-only secrets and the audit log, so a panel query on it would leak them.
/// Two checks: the connection strings compared (<see cref="DatabaseIdentity"/>: at start-up by
/// <see cref="StorageIsolationValidator"/>, in the admin area's source form and import, on every open), and the servers
/// asked who they are (this class's other file: at start-up, on each new connection, and for every host of a
/// multi-host string), which no second spelling of the same server gets past.</summary>
public sealed partial class StorageDatabaseGuard(
    IOptions<StorageOptions> storage,
    IOptionsMonitor<SqlConnectionsOptions> connections,
    ISecretResolver secrets,
    string contentRootPath,
    ILogger<StorageDatabaseGuard>? logger = null)
{
    private readonly Lazy<string?> storageIdentity = new(() => IdentityOf(storage.Value, contentRootPath));

    public static string Refusal(string connectionName) =>
        $"connection '{connectionName}' points at the dashboard's own storage database (Dashboard:Storage), which holds "
        + "its keys and secrets; SQL sources must use a database of their own";

    /// <summary>The storage database's identity (see <see cref="DatabaseIdentity"/>).</summary>
    public static string? IdentityOf(StorageOptions options, string contentRootPath) =>
        StorageProviders.Normalize(options.Provider) switch
        {
            StorageProviders.Sqlite => DatabaseIdentity.Of(SqlProvider.Sqlite, options.ConnectionString, contentRootPath),
            StorageProviders.Postgres => DatabaseIdentity.Of(SqlProvider.Postgres, options.ConnectionString, contentRootPath),
            _ => null,
        };

    /// <param name="connectionString">With its secrets resolved.</param>
    public bool IsStorage(SqlProvider provider, string connectionString) =>
        DatabaseIdentity.Same(storageIdentity.Value, DatabaseIdentity.Of(provider, connectionString, contentRootPath));

    /// <summary>Why the named connection may not be used, or null (also for an unknown connection or an unset secret,
    /// which other checks report).</summary>
    public string? Check(string? connectionName)
    {
        if (string.IsNullOrWhiteSpace(connectionName)
            || connections.CurrentValue.Find(connectionName) is not { } connection
            || connection.KnownProvider is not { } provider)
        {
            return null;
        }

        try
        {
            return IsStorage(provider, secrets.Resolve(connection.ConnectionString)) ? Refusal(connectionName) : null;
        }
        catch (SourceFailureException)
        {
            return null;
        }
    }
}
