using Dashboard.Tests.Support;

namespace Dashboard.Tests.Storage;

/// <summary>The app refuses to start when a SQL connection reaches its own storage database (the key ring, write-only
/// secrets), however the connection string spells it.</summary>
public sealed class StorageIsolationTests(SqliteTempDirectory directory) : IClassFixture<SqliteTempDirectory>
{
    [Fact]
    public async Task A_sqlite_connection_to_the_storage_file_stops_start_up_naming_the_connection()
    {
        var storage = Path.Combine(directory.Path, $"{Guid.NewGuid():N}.db");
        var sameFile = Path.Combine(directory.Path, "sub", "..", Path.GetFileName(storage));
        await using var app = new DashboardAppFactory(Config(
            """{ "Provider": "sqlite", "ConnectionString": "Data Source=STORAGE" }""".Replace("STORAGE", Json(storage), StringComparison.Ordinal),
            """{ "Provider": "sqlite", "ConnectionString": "Data Source=SAME" }""".Replace("SAME", Json(sameFile), StringComparison.Ordinal)));

        var failure = StartupFailure.Of(app);

        Assert.NotNull(failure);
        var message = Assert.Single(failure.Failures);
        Assert.StartsWith("Dashboard:Connections:leak:ConnectionString: connection 'leak' points at the dashboard's own storage database", message, StringComparison.Ordinal);
        Assert.DoesNotContain(storage, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postgres_connection_to_the_storage_database_stops_start_up_whatever_the_user_or_host_alias()
    {
        // Refused before any connection is made, so no server is needed.
        await using var app = new DashboardAppFactory(Config(
            """{ "Provider": "postgres", "ConnectionString": "Host=127.0.0.1;Port=1;Database=dash;Username=owner;Password=x" }""",
            """{ "Provider": "postgres", "ConnectionString": "Host=localhost;Port=1;Database=dash;Username=reader;Password=y;Search Path=other" }"""));

        var failure = StartupFailure.Of(app);

        Assert.NotNull(failure);
        Assert.Contains(failure.Failures, f => f.StartsWith("Dashboard:Connections:leak:ConnectionString: connection 'leak' points at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_connection_to_another_file_starts()
    {
        await using var app = new DashboardAppFactory(Config(
            $$"""{ "Provider": "sqlite", "ConnectionString": "Data Source={{Json(Path.Combine(directory.Path, $"{Guid.NewGuid():N}.db"))}}" }""",
            $$"""{ "Provider": "sqlite", "ConnectionString": "Data Source={{Json(Path.Combine(directory.Path, "demo.db"))}}" }"""));

        Assert.Null(StartupFailure.Of(app));
    }

    private static string Config(string storage, string connection) => $$"""
        { "Storage": {{storage}}, "Connections": { "leak": {{connection}} }, "Sources": {}, "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [] } ] }
        """;

    private static string Json(string path) => path.Replace("\\", "/", StringComparison.Ordinal);
}
