using Dashboard.Startup;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Startup;

/// <summary>Start-up failures as a person running the app sees them: one line per problem on stderr, no stack trace
/// anywhere, a documented non-zero exit code.</summary>
public sealed class StartupErrorProcessTests
{
    // Settings are validated before storage is reached; the dashboards and sources (provisioning) once it is, with the
    // stored items: each group is listed whole, one line per bad key.
    [Fact]
    public async Task Bad_settings_print_every_bad_key_on_its_own_line_without_a_stack_trace()
    {
        await AssertRefusedAsync(
            """
            {
              "Storage": { "Provider": "sqlite", "ConnectionString": "Data Source=data/d.db", "StartupRetryTime": "-00:00:01" },
              "Live": { "MaxConnections": 0 },
              "Metrics": { "ManagementUrl": "9464" },
              "Sources": { "api": { "Kind": "http", "Http": { "Url": "/x" } } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "api" } ] } ]
            }
            """,
            "Dashboard:Live:MaxConnections: must be greater than 0",
            "Dashboard:Storage:StartupRetryTime: must be between",
            "Dashboard:Metrics:ManagementUrl: '9464' is not an http(s) listening address");
    }

    [Fact]
    public async Task Bad_dashboards_and_sources_print_every_bad_key_on_its_own_line_without_a_stack_trace()
    {
        await AssertRefusedAsync(
            """
            {
              "Sources": { "api": { "Kind": "http", "Http": { "Url": "ftp://127.0.0.1/x" }, "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:02" } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "ghost" } ] } ]
            }
            """,
            "Dashboard:Sources:api:Http:Url: 'ftp://127.0.0.1/x' is not an absolute http or https URL",
            "Dashboard:Sources:api:RenderDeadline: 00:00:05 must not be greater than FetchTimeout",
            "Dashboard:Dashboards:0:Panels:0:Source: unknown source 'ghost'");
    }

    [Fact]
    public async Task Unreachable_storage_is_retried_with_one_log_line_per_try_then_the_app_exits_with_one_line()
    {
        var port = ClosedPort();
        var run = await AppProcessRun.RunAsync(
            $$"""
            {
              "Storage": { "Provider": "postgres", "ConnectionString": "Host=127.0.0.1;Port={{port}};Username=u;Password=secret-pw;Database=d", "StartupRetryTime": "00:00:03" },
              "Sources": { "a": { "Http": { "Url": "/x" } } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "a" } ] } ]
            }
            """,
            TimeSpan.FromSeconds(60),
            TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.StorageUnavailable, run.ExitCode);
        Assert.False(run.HasStackTrace, run.Stdout + run.Stderr);

        // Tries at 0, 1 and 3 s (later on a loaded machine): a line for each wait, the last failure ends it.
        var tries = run.Stdout.Split('\n').Where(l => l.Contains("Storage not reachable", StringComparison.Ordinal)).ToList();
        Assert.InRange(tries.Count, 1, 2);
        Assert.Contains($"PostgreSQL at 127.0.0.1:{port}, database d), try 1: connection refused; next try in 1 s", tries[0], StringComparison.Ordinal);
        var message = run.Stderr.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Dashboard cannot start:", message[0]);
        Assert.Matches(
            $@"^storage unavailable: PostgreSQL at 127\.0\.0\.1:{port}, database d did not answer after {tries.Count + 1} tries in 3(\.\d)? s \(connection refused\)",
            message[1]);
        Assert.Contains("Dashboard:Storage:ConnectionString", message[1], StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs the app with this configuration: it must refuse it (exit code 2) without a stack trace, under a
    /// heading that counts the problems, with a line starting with each of these and no other.</summary>
    private static async Task AssertRefusedAsync(string appSettings, params string[] problems)
    {
        var run = await AppProcessRun.RunAsync(appSettings, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(ExitCodes.Configuration, run.ExitCode);
        Assert.False(run.HasStackTrace, run.Stdout + run.Stderr);
        Assert.StartsWith($"Dashboard cannot start: fix these {problems.Length} settings:", run.Stderr, StringComparison.Ordinal);
        var lines = run.Stderr.Split('\n', StringSplitOptions.TrimEntries);
        Assert.All(problems, problem => Assert.Contains(lines, l => l.StartsWith(problem, StringComparison.Ordinal)));
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
