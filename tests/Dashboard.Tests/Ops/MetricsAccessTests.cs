using System.Net;
using Dashboard.Telemetry;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Ops;

/// <summary>/metrics names upstream hosts and counts admin sign-ins: not on the public address by default, only to
/// allowed networks there, and on the management address when one is configured.</summary>
public sealed class MetricsAccessTests
{
    private const string Dashboards = """
        "Sources": { "s": { "Kind": "http", "Http": { "Url": "/nowhere" } } },
        "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "s" } ] } ]
        """;

    [Fact]
    public async Task By_default_the_public_port_has_no_metrics_even_for_a_local_client()
    {
        await using var app = new DashboardAppFactory("{" + Dashboards + "}");
        app.UseKestrel(0);
        app.StartServer();
        using var client = new HttpClient { BaseAddress = app.KestrelAddress };

        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("dashboard_", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.3", HttpStatusCode.OK)]
    [InlineData("::ffff:10.200.0.1", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.NotFound)]
    [InlineData("192.168.1.9", HttpStatusCode.NotFound)]
    public async Task Allowed_networks_may_scrape_the_public_port_and_nobody_else(string client, HttpStatusCode expected)
    {
        await using var app = new DashboardAppFactory(
            """{ "Metrics": { "AllowedNetworks": [ "10.0.0.0/8", "192.168.1.10" ] }, """ + Dashboards + "}",
            services => services.AddSingleton<IStartupFilter>(new PeerAddressStartupFilter(IPAddress.Parse(client))));
        using var http = app.CreateClient();

        using var response = await http.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("10.1.2.3", HttpStatusCode.NotFound)]
    public async Task In_development_this_machine_may_scrape_and_nobody_else(string client, HttpStatusCode expected)
    {
        await using var app = new DashboardAppFactory(
            "{" + Dashboards + "}",
            services => services.AddSingleton<IStartupFilter>(new PeerAddressStartupFilter(IPAddress.Parse(client))),
            environment: "Development");
        using var http = app.CreateClient();

        using var response = await http.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_management_address_serves_metrics_and_nothing_else_while_the_public_port_stays_closed()
    {
        await using var app = new DashboardAppFactory("""{ "Metrics": { "ManagementUrl": "http://127.0.0.1:0" }, """ + Dashboards + "}");
        using var publicClient = app.CreateClient();
        (await publicClient.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();
        var management = Assert.Single(app.Services.GetRequiredService<ManagementServer>().Addresses);
        using var scraper = new HttpClient { BaseAddress = management };

        using var metrics = await scraper.GetAsync("/metrics", TestContext.Current.CancellationToken);
        using var page = await scraper.GetAsync("/d/main", TestContext.Current.CancellationToken);
        using var health = await scraper.GetAsync("/health", TestContext.Current.CancellationToken);
        using var publicMetrics = await publicClient.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var text = PrometheusText.Parse(await metrics.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("dashboard_cache_requests_total", text.Types.Keys);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
    }

    [Fact]
    public async Task A_bad_management_address_or_network_stops_start_up_naming_the_key()
    {
        await using var app = new DashboardAppFactory("""{ "Metrics": { "ManagementUrl": "9464", "AllowedNetworks": [ "10.1.2" ] }, """ + Dashboards + "}");

        var failures = StartupFailure.Of(app)?.Failures.ToList();

        Assert.NotNull(failures);
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Metrics:ManagementUrl: '9464' is not an http(s) listening address", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Metrics:AllowedNetworks: '10.1.2' is not a network", StringComparison.Ordinal));
    }

    [Fact]
    public void Networks_are_cidr_or_single_addresses_and_a_missing_address_is_never_allowed()
    {
        var access = new MetricsAccess(["10.0.0.0/8", "2001:db8::1"]);

        Assert.True(access.Allows(IPAddress.Parse("10.9.9.9")));
        Assert.True(access.Allows(IPAddress.Parse("::ffff:10.0.0.1")));
        Assert.True(access.Allows(IPAddress.Parse("2001:db8::1")));
        Assert.False(access.Allows(IPAddress.Parse("2001:db8::2")));
        Assert.False(access.Allows(IPAddress.Parse("11.0.0.1")));
        Assert.False(access.Allows(null));
        Assert.Null(MetricsAccess.ParseNetwork("10.1.2"));
        Assert.Null(MetricsAccess.ParseNetwork("localhost"));
    }
}
