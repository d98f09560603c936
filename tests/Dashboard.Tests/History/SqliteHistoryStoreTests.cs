using Dapper;
using Dashboard.Storage;
using Dashboard.Tests.Storage;

namespace Dashboard.Tests.History;

public sealed class SqliteHistoryStoreTests(SqliteTempDirectory directory) : HistoryStoreContractTests, IClassFixture<SqliteTempDirectory>
{
    protected override string ConnectionString => directory.ConnectionString;

    protected override string AnalyzeSql => "ANALYZE source_history";

    protected override DapperDashboardStore CreateStore(string connectionString) =>
        new SqliteDashboardStore(new StorageOptions { ConnectionString = connectionString }, directory.Path);

    protected override async Task<string> PlanAsync(DapperDashboardStore store, string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            new CommandDefinition("EXPLAIN QUERY PLAN " + sql, parameters, cancellationToken: cancellationToken));
        return string.Join("\n", rows.Select(r => r.Detail));
    }
}
