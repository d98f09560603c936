using Dashboard.Storage;

namespace Dashboard.Tests.Storage;

public sealed class StorageOptionsValidatorTests
{
    private const string Postgres = "Host=db;Database=dashboard;Username=dashboard;Password=secret";

    [Theory]
    [InlineData("sqlite", "Data Source=data/dashboard.db")]
    [InlineData("SQLite", "Data Source=/var/lib/dashboard/dashboard.db")]
    [InlineData("postgres", Postgres)]
    [InlineData("PostgreSQL", Postgres)]
    [InlineData(" POSTGRES ", Postgres)]
    public void Valid_options_pass(string provider, string connectionString) =>
        Assert.Empty(Failures(new StorageOptions { Provider = provider, ConnectionString = connectionString }));

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(Failures(new StorageOptions()));

    [Theory]
    [InlineData("mysql", "Dashboard:Storage:Provider: 'mysql' is not supported; use 'sqlite' or 'postgres'")]
    [InlineData("", "Dashboard:Storage:Provider: is empty; use 'sqlite' or 'postgres'")]
    public void An_unsupported_provider_is_named(string provider, string expected) =>
        Assert.Equal([expected], Failures(new StorageOptions { Provider = provider }));

    [Fact]
    public void An_empty_connection_string_is_named() =>
        Assert.Equal(
            ["Dashboard:Storage:ConnectionString: is empty; e.g. 'Data Source=data/dashboard.db' for sqlite or 'Host=db;Database=dashboard;Username=dashboard;Password=...' for postgres"],
            Failures(new StorageOptions { ConnectionString = " " }));

    [Theory]
    [InlineData("sqlite", "Data Source=:memory:", "Dashboard:Storage:ConnectionString: names an in-memory database")]
    [InlineData("sqlite", "Mode=ReadWriteCreate", "Dashboard:Storage:ConnectionString: has no Data Source")]
    [InlineData("sqlite", "Colour=blue", "Dashboard:Storage:ConnectionString: is not a valid sqlite connection string:")]
    [InlineData("postgres", "Data Source=data/dashboard.db;Password=secret", "Dashboard:Storage:ConnectionString: is not a valid postgres connection string:")]
    [InlineData("postgres", "Database=dashboard;Password=secret", "Dashboard:Storage:ConnectionString: has no Host")]
    public void A_connection_string_the_provider_cannot_use_is_named_without_echoing_it(string provider, string connectionString, string expectedStart)
    {
        var failure = Assert.Single(Failures(new StorageOptions { Provider = provider, ConnectionString = connectionString }));
        Assert.StartsWith(expectedStart, failure);
        Assert.DoesNotContain("secret", failure);
    }

    [Fact]
    public void Bad_timeout_and_retention_are_named_together()
    {
        var failures = Failures(new StorageOptions { CommandTimeout = TimeSpan.Zero, HistoryRetentionDays = 0 });

        Assert.Equal(
            [
                "Dashboard:Storage:CommandTimeout: must be greater than 00:00:00 and at most 00:10:00 (e.g. '00:00:05'); got '00:00:00'",
                "Dashboard:Storage:HistoryRetentionDays: must be at least 1; got 0",
            ],
            failures);
    }

    private static IEnumerable<string> Failures(StorageOptions options) =>
        new StorageOptionsValidator().Validate(null, options).Failures ?? [];
}
