using System.Diagnostics;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Npgsql;

namespace Dashboard.Tests.Storage;

/// <summary>The storage guard compares servers, not spellings: other names for the storage server, multi-host strings
/// with the storage server among their hosts, and hard links to the storage file are refused, at start and when opened;
/// another database on the same server, or another file, is not.</summary>
public sealed class StorageGuardByIdentityTests(PostgresTestDatabase database, SqliteTempDirectory directory)
    : IClassFixture<PostgresTestDatabase>, IClassFixture<SqliteTempDirectory>
{
    private const string Refused = "points at the dashboard's own storage database";

    [PostgresTheory]
    [InlineData("127.1")]
    [InlineData("2130706433")]
    [InlineData("0x7f000001")]
    [InlineData("127.0.0.1:1,127.1")]
    public async Task Another_name_for_the_storage_server_or_a_multi_host_string_reaching_it_is_refused_at_start_and_on_open(string host)
    {
        var storage = database.ConnectionString;
        var name = new NpgsqlConnectionStringBuilder(storage).Database;
        var leak = new NpgsqlConnectionStringBuilder(storage) { Host = host, Port = 5432 }.ConnectionString;
        await using var guard = new GuardHost("postgres", storage, new() { ["leak"] = ("postgres", leak) });
        Assert.False(guard.Guard.IsStorage(Dashboard.Sources.Sql.SqlProvider.Postgres, leak)); // The spellings differ.

        var atStart = await guard.RefusalAtStartAsync();
        var onOpen = await guard.RefusalOnOpenAsync("leak");

        Assert.NotNull(atStart);
        Assert.StartsWith($"Dashboard:Connections:leak:ConnectionString: connection 'leak' {Refused}", atStart, StringComparison.Ordinal);
        Assert.Contains(Refused, onOpen, StringComparison.Ordinal);
        Assert.DoesNotContain(name!, atStart, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task The_machines_own_name_for_the_storage_host_is_refused_too()
    {
        var name = System.Net.Dns.GetHostName();
        var addresses = await System.Net.Dns.GetHostAddressesAsync(name, TestContext.Current.CancellationToken);
        if (!addresses.Contains(System.Net.IPAddress.Loopback))
        {
            Assert.Skip($"this machine's name '{name}' does not resolve to 127.0.0.1, where the test PostgreSQL listens");
        }

        var leak = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = name }.ConnectionString;
        await using var guard = new GuardHost("postgres", database.ConnectionString, new() { ["leak"] = ("postgres", leak) });

        Assert.Contains(Refused, await guard.RefusalAtStartAsync(), StringComparison.Ordinal);
        Assert.Contains(Refused, await guard.RefusalOnOpenAsync("leak"), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Another_database_on_the_same_server_is_allowed()
    {
        var other = await database.CreateDatabaseAsync();
        var spelledOtherwise = new NpgsqlConnectionStringBuilder(other) { Host = "127.1" }.ConnectionString;
        await using var guard = new GuardHost("postgres", database.ConnectionString, new() { ["other"] = ("postgres", spelledOtherwise) });

        Assert.Null(await guard.RefusalAtStartAsync());
        Assert.Null(await guard.RefusalOnOpenAsync("other"));
    }

    [PostgresFact]
    public async Task The_real_app_refuses_to_start_with_such_a_connection_and_names_it()
    {
        var leak = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.1" }.ConnectionString;
        await using var app = new DashboardAppFactory($$"""
            {
              "Storage": { "Provider": "postgres", "ConnectionString": "{{database.ConnectionString}}" },
              "Connections": { "leak": { "Provider": "postgres", "ConnectionString": "{{leak}}" } },
              "Sources": {}, "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [] } ]
            }
            """);

        var refusal = StartupFailure.FindInChain<Dashboard.Startup.StartupRefusalException>(Record.Exception(() => app.CreateClient().Dispose()));

        Assert.NotNull(refusal);
        Assert.Equal(Dashboard.Startup.ExitCodes.Configuration, refusal.ExitCode);
        Assert.StartsWith($"Dashboard:Connections:leak:ConnectionString: connection 'leak' {Refused}", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hard_link_to_the_storage_file_is_refused_at_start_and_on_open_and_another_file_is_not()
    {
        var storage = Path.Combine(directory.Path, $"{Guid.NewGuid():N}.db");
        var link = Path.Combine(directory.Path, $"link-{Guid.NewGuid():N}.db");
        var other = Path.Combine(directory.Path, $"other-{Guid.NewGuid():N}.db");
        await using (var store = new SqliteDashboardStore(new StorageOptions { ConnectionString = $"Data Source={storage}" }, directory.Path))
        {
            await store.MigrateAsync(TestContext.Current.CancellationToken);
        }

        HardLink(storage, link);
        File.Copy(storage, other);
        await using var guard = new GuardHost("sqlite", $"Data Source={storage}", new()
        {
            ["leak"] = ("sqlite", $"Data Source={link}"),
            ["copy"] = ("sqlite", $"Data Source={other}"),
        });
        Assert.False(guard.Guard.IsStorage(Dashboard.Sources.Sql.SqlProvider.Sqlite, $"Data Source={link}")); // Paths differ.

        var atStart = await guard.RefusalAtStartAsync();

        Assert.NotNull(atStart);
        var line = Assert.Single(atStart.Split('\n'));
        Assert.StartsWith($"Dashboard:Connections:leak:ConnectionString: connection 'leak' {Refused}", line, StringComparison.Ordinal);
        Assert.Contains(Refused, await guard.RefusalOnOpenAsync("leak"), StringComparison.Ordinal);
        Assert.Null(await guard.RefusalOnOpenAsync("copy"));
    }

    private static void HardLink(string target, string link)
    {
        using var ln = Process.Start(new ProcessStartInfo("ln", [target, link]) { UseShellExecute = false }) ?? throw new InvalidOperationException("ln did not start");
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
    }
}
