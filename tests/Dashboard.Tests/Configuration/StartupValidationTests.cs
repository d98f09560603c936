using Dashboard.Tests.Support;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Configuration;

/// <summary>The real app refuses to start with a bad <c>Dashboard</c> section, listing every bad key.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Invalid_configuration_stops_start_up_with_every_error_named_by_key()
    {
        await using var app = new DashboardAppFactory("""
            {
              "Sources": {
                "api": { "Kind": "http", "Http": { "Url": "ftp://127.0.0.1/x", "Path": "a[" },
                         "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:02" },
                "db": { "Kind": "sql", "Sql": { "Connection": "nowhere", "Query": "select 1" } }
              },
              "Dashboards": [
                { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "ghost" } ] },
                { "Slug": "main", "Title": "Again", "Panels": [] }
              ]
            }
            """);

        var thrown = Record.Exception(() => app.CreateClient());

        var validation = StartupFailure.FindInChain<OptionsValidationException>(thrown);
        Assert.NotNull(validation);
        var failures = validation.Failures.ToArray();
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Sources:api:Http:Url: 'ftp://127.0.0.1/x' is not an absolute http or https URL", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Sources:api:Http:Path: 'a[' is not a valid path expression", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Sources:api:RenderDeadline: 00:00:05 must not be greater than FetchTimeout (00:00:02)", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Sources:db:Sql:Connection: unknown connection 'nowhere'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Dashboards:0:Panels:0:Source: unknown source 'ghost'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Dashboards:1:Slug: duplicate slug 'main'", StringComparison.Ordinal));
        Assert.Equal(6, failures.Length);
        Assert.Contains("Dashboard:Sources:db:Sql:Connection", validation.Message);
    }

    [Fact]
    public async Task Valid_configuration_starts()
    {
        await using var app = new DashboardAppFactory("""
            {
              "Connections": { "local": { "Provider": "sqlite", "ConnectionString": "Data Source=:memory:" } },
              "Sources": { "db": { "Kind": "sql", "Sql": { "Connection": "local", "Query": "select 1" } } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "db" } ] } ]
            }
            """);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/d/main", TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
    }
}
