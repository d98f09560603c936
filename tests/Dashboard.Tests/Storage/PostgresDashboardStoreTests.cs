using Dashboard.Storage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Storage;

public sealed class PostgresDashboardStoreTests(PostgresTestDatabase database)
    : DashboardStoreContractTests(PostgresTestDatabase.SkipReason), IClassFixture<PostgresTestDatabase>
{
    protected override string ConnectionString => database.ConnectionString;

    protected override Task<string> CreateFreshDatabaseAsync() => database.CreateDatabaseAsync();

    protected override DapperDashboardStore CreateStore(string connectionString) =>
        new PostgresDashboardStore(new StorageOptions { Provider = "postgres", ConnectionString = connectionString });
}
