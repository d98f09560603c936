using Dashboard.Storage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Storage;

[RequiresPostgres]
public sealed class PostgresDashboardStoreTests(PostgresTestDatabase database) : DashboardStoreContractTests, IClassFixture<PostgresTestDatabase>
{
    protected override string ConnectionString => database.ConnectionString;

    protected override Task<string> CreateFreshDatabaseAsync() => database.CreateDatabaseAsync();

    protected override DapperDashboardStore CreateStore(string connectionString) =>
        new PostgresDashboardStore(new StorageOptions { Provider = "postgres", ConnectionString = connectionString });
}
