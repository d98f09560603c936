using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dashboard.Health;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Ops;

/// <summary>A stalled or unreachable database makes /readyz (and /health) answer 503 within the storage
/// timeout instead of hanging; liveness is unaffected.</summary>
public sealed class ReadinessTests
{
    private const string Config = """
        {
          "Sources": { "s": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:1/v" } } },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "s", "Type": "stat", "Title": "S", "Source": "s" } ] } ],
          "Health": { "StorageTimeout": "00:00:00.300", "ShowErrorDetails": "always" }
        }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Readyz_answers_503_within_the_storage_timeout_when_the_database_stalls(bool ignoresCancellation)
    {
        var store = new StallingStore(ignoresCancellation);
        await using var app = new DashboardAppFactory(Config, services => services.AddSingleton<IDashboardStore>(store));
        using var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);

        var clock = Stopwatch.StartNew();
        using var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var elapsed = clock.Elapsed;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
        Assert.Equal(1, store.Pings);

        using var live = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Health_reports_the_stalled_storage_without_hanging()
    {
        await using var app = new DashboardAppFactory(Config, services => services.AddSingleton<IDashboardStore>(new StallingStore(ignoreCancellation: true)));
        using var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);

        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("unhealthy", json.RootElement.GetProperty("status").GetString());
        var storage = json.RootElement.GetProperty("storage");
        Assert.Equal("unhealthy", storage.GetProperty("status").GetString());
        Assert.Equal("storage did not answer within 300 ms", storage.GetProperty("error").GetString());
        Assert.Equal("never_fetched", json.RootElement.GetProperty("sources")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_unreachable_postgres_is_unhealthy_at_once_and_its_connection_string_stays_out()
    {
        // Nothing listens on port 1: the connection is refused, no PostgreSQL server needed.
        var options = new StorageOptions
        {
            Provider = "postgres",
            ConnectionString = "Host=127.0.0.1;Port=1;Username=dashboard;Password=s3cret-pw;Database=dashboard;Timeout=2",
        };
        await using var store = new PostgresDashboardStore(options);
        var check = new StorageHealthCheck(store, Options.Create(new HealthOptions { StorageTimeout = TimeSpan.FromSeconds(2) }), TimeProvider.System);

        var clock = Stopwatch.StartNew();
        var result = await check.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("storage unreachable (", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", result.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("always", false, true)]
    [InlineData("Always", true, true)]
    [InlineData("authenticated", false, false)]
    [InlineData("authenticated", true, true)]
    [InlineData("never", true, false)]
    public void Error_details_follow_the_configured_audience(string mode, bool signedIn, bool shown)
    {
        var user = signedIn
            ? new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity("test"))
            : new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        Assert.Equal(shown, new HealthOptions { ShowErrorDetails = mode }.ShowsErrorsTo(user));
    }
}
