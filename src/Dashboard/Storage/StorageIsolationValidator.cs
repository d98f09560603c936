using Dashboard.Sources;
using Dashboard.Sources.Sql;
using Microsoft.Extensions.Options;

namespace Dashboard.Storage;

/// <summary>Refuses to start when a SQL connection under <c>Dashboard:Connections</c> points at the storage database
/// (see <see cref="StorageDatabaseGuard"/>); each message names the connection. A connection whose secret is not set
/// yet is judged when it is opened instead.</summary>
public sealed class StorageIsolationValidator(
    IOptionsMonitor<SqlConnectionsOptions> connections,
    ISecretResolver secrets,
    string contentRootPath) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var storage = StorageDatabaseGuard.IdentityOf(options, contentRootPath);
        if (storage is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        foreach (var (connectionName, connection) in connections.CurrentValue.Connections)
        {
            if (connection.KnownProvider is { } provider
                && TryResolve(connection.ConnectionString) is { } connectionString
                && DatabaseIdentity.Same(storage, DatabaseIdentity.Of(provider, connectionString, contentRootPath)))
            {
                failures.Add($"{SqlConnectionsOptions.SectionPath}:{connectionName}:ConnectionString: {StorageDatabaseGuard.Refusal(connectionName)} "
                    + "(e.g. 'Data Source=data/demo.db' for the demo)");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string? TryResolve(string connectionString)
    {
        try
        {
            return secrets.Resolve(connectionString);
        }
        catch (SourceFailureException)
        {
            return null;
        }
    }
}
