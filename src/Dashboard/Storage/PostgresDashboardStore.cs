using System.Data.Common;
using Dapper;
using Dashboard.Cluster;
using Npgsql;

namespace Dashboard.Storage;

/// <summary>PostgreSQL storage, safe for several app instances sharing one database.</summary>
public sealed class PostgresDashboardStore : DapperDashboardStore
{
    // Any fixed key works as long as every instance uses the same one ("DashMigr" in ASCII).
    private const long MigrationLockKey = 0x4461_7368_4D69_6772;

    private readonly NpgsqlDataSource dataSource;

    public PostgresDashboardStore(StorageOptions options)
        : base(options.CommandTimeout)
    {
        dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    public override string Provider => StorageProviders.Postgres;

    protected internal override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    // Transaction-scoped, so it is released by commit or rollback even if this instance dies mid-migration.
    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(MigrationCommand("SELECT pg_advisory_xact_lock(@MigrationLockKey)", new { MigrationLockKey }, transaction, cancellationToken));

    // In the writing transaction: PostgreSQL delivers it on commit, never for a rolled-back (conflicting) save, and
    // the version read here is the one this transaction wrote.
    protected override Task AnnounceConfigChangeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            "SELECT pg_notify(@Channel, version::text) FROM config_state WHERE id = 1",
            new { Channel = ClusterChannels.Config },
            transaction,
            cancellationToken));

    public override async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            dataSource.Dispose();
        }
    }
}
