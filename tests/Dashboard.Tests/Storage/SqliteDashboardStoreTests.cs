using Dapper;
using Dashboard.Storage;

namespace Dashboard.Tests.Storage;

public sealed class SqliteDashboardStoreTests(SqliteTempDirectory directory) : DashboardStoreContractTests, IClassFixture<SqliteTempDirectory>
{
    protected override string ConnectionString => directory.ConnectionString;

    protected override Task<string> CreateFreshDatabaseAsync() => Task.FromResult(directory.NewConnectionString());

    protected override DapperDashboardStore CreateStore(string connectionString) => Create(connectionString, directory.Path);

    [Fact]
    public async Task A_relative_data_source_resolves_against_the_base_directory_whose_folders_are_created()
    {
        var baseDirectory = Path.Combine(directory.Path, "content-root");
        await using var store = Create("Data Source=state/nested/dashboard.db", baseDirectory);

        var expected = Path.Combine(baseDirectory, "state", "nested", "dashboard.db");
        Assert.Equal(expected, store.DatabasePath);
        Assert.True(Directory.Exists(Path.GetDirectoryName(expected)));

        await store.MigrateAsync(CancellationToken.None);
        Assert.True(File.Exists(expected));
    }

    [Fact]
    public async Task Connections_use_wal_and_a_busy_timeout_from_the_command_timeout()
    {
        await using var store = Create(ConnectionString, directory.Path, TimeSpan.FromSeconds(3));
        await using var connection = await store.OpenConnectionAsync(CancellationToken.None);

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(3000L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=x;Mode=Memory")]
    [InlineData("Mode=ReadWriteCreate")]
    public void A_data_source_that_cannot_keep_state_is_refused(string connectionString) =>
        Assert.Throws<ArgumentException>(() => Create(connectionString, directory.Path));

    private static SqliteDashboardStore Create(string connectionString, string baseDirectory, TimeSpan? commandTimeout = null) =>
        new(new StorageOptions { Provider = "sqlite", ConnectionString = connectionString, CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(5) }, baseDirectory);
}
