using Dapper;
using Dashboard.Storage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.History;

public sealed class PostgresHistoryStoreTests(PostgresTestDatabase database)
    : HistoryStoreContractTests(PostgresTestDatabase.SkipReason), IClassFixture<PostgresTestDatabase>
{
    protected override string ConnectionString => database.ConnectionString;

    protected override string AnalyzeSql => "VACUUM ANALYZE source_history";

    protected override DapperDashboardStore CreateStore(string connectionString) =>
        new PostgresDashboardStore(new StorageOptions { Provider = "postgres", ConnectionString = connectionString });

    protected override async Task<string> PlanAsync(DapperDashboardStore store, string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        var lines = await connection.QueryAsync<string>(new CommandDefinition("EXPLAIN " + sql, parameters, cancellationToken: cancellationToken));
        return string.Join("\n", lines);
    }
}
