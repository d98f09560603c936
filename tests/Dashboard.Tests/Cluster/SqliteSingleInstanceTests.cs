using System.Net;
using Dashboard.Storage;
using Dashboard.Tests.Browser;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Cluster;

/// <summary>SQLite storage serves one process: a second process on the same database file is refused at start with a
/// message saying why and what to do, while the first keeps serving; the lock goes with the process, even on kill -9.</summary>
public sealed class SqliteSingleInstanceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dashboard-single-").FullName;

    private string Database => Path.Combine(folder, "dashboard.db");

    private string Config => $$"""
        {
          "Storage": { "Provider": "sqlite", "ConnectionString": "Data Source={{Database}}" },
          "Demo": { "Enabled": false, "SeedConnection": "" },
          "Sources": { "s": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/none", "Path": "value" } } },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Title": "P", "Source": "s" } ] } ]
        }
        """;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_second_process_on_the_same_sqlite_file_is_refused_at_start_and_the_first_keeps_serving()
    {
        await using var first = await PublishedApp.StartAsync(Config);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => PublishedApp.StartAsync(Config));

        Assert.Contains("exited with code", refused.Message, StringComparison.Ordinal);
        Assert.Contains(
            $"Dashboard:Storage:ConnectionString: the SQLite database {Database} is already in use by another Dashboard process (lock file {Database}.lock)",
            refused.Message,
            StringComparison.Ordinal);
        Assert.Contains("use PostgreSQL", refused.Message, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = first.Address };
        using var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // kill -9 leaves no cleanup behind, yet the lock went with the process: the next one starts.
        first.Kill();
        await using var next = await PublishedApp.StartAsync(Config);
        Assert.False(next.HasExited);
    }

    [Fact]
    public void The_lock_is_exclusive_within_one_process_too_and_is_released_on_dispose()
    {
        using (var held = new SqliteInstanceLock())
        {
            held.Acquire(Database);
            using var second = new SqliteInstanceLock();
            var refused = Assert.Throws<OptionsValidationException>(() => second.Acquire(Database));
            Assert.Contains($"is already in use by another Dashboard process (lock file {Database}.lock)", refused.Message, StringComparison.Ordinal);
        }

        using var again = new SqliteInstanceLock();
        again.Acquire(Database);
    }
}
