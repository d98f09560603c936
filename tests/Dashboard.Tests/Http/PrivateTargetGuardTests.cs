using System.Net;
using Dashboard.Hosting;
using Dashboard.Sources.Engine;
using Dashboard.Sources.Http;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Http;

/// <summary><c>Dashboard:Admin:AllowPrivateTargets</c> off (production's default), through the real app and its real
/// sources HttpClient: loopback and private targets are refused at connect time, this app's own address (the demo's
/// relative URLs) is not, and the environment's proxy is never used.</summary>
public sealed class PrivateTargetGuardTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly MappedHostResolver resolver = new(new Dictionary<string, IPAddress[]?>
    {
        ["private-alias.test"] = [IPAddress.Loopback],
        ["listed-alias.test"] = [IPAddress.Loopback],
    });

    [Fact]
    public async Task A_loopback_or_private_target_fails_as_blocked_without_being_called_unless_its_host_is_allowlisted()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("listed", 7);
        var port = upstream.BaseAddress.Port;
        await using var app = new DashboardAppFactory(
            $$"""
            {
              "Admin": { "AllowPrivateTargets": false, "AllowedHosts": [ "listed-alias.test:{{port}}" ] },
              "Sources": {
                "direct": {{Source(upstream.Url("direct"))}},
                "named": {{Source($"http://private-alias.test:{port}/v/named")}},
                "listed": {{Source($"http://listed-alias.test:{port}/v/listed")}}
              },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ {{Panel("direct")}}, {{Panel("named")}}, {{Panel("listed")}} ] } ]
            }
            """,
            services => services.AddSingleton<IHostResolver>(resolver));
        using var client = app.CreateClient();
        client.Timeout = Bound;

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("unavailable", PanelMarkup.FinalState(page, "direct"));
        AssertBlocked(app, page, "direct", "blocked: '127.0.0.1' is a loopback address (set Dashboard:Admin:AllowPrivateTargets or list the host in Dashboard:Admin:AllowedHosts if intended)");
        Assert.Equal("unavailable", PanelMarkup.FinalState(page, "named"));
        AssertBlocked(app, page, "named", "blocked: 'private-alias.test' resolves to loopback address 127.0.0.1");
        Assert.Equal(0, upstream.Calls("direct"));
        Assert.Equal(0, upstream.Calls("named"));

        Assert.Equal("fresh", PanelMarkup.FinalState(page, "listed"));
        Assert.Contains("<span class=\"number\">7</span>", PanelMarkup.FinalHtml(page, "listed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_relative_urls_reach_this_app_while_other_loopback_targets_are_refused()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var app = new DashboardAppFactory(
            $$"""
            {
              "Admin": { "AllowPrivateTargets": false },
              "Demo": { "Enabled": true },
              "Sources": {
                "self": { "Kind": "http", "Http": { "Url": "/demo/api/status", "Path": "status" }, "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10" },
                "other": {{Source(upstream.Url("other"))}}
              },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ {{Panel("self")}}, {{Panel("other")}} ] } ]
            }
            """);
        app.UseKestrel(0);
        app.StartServer();
        using var client = new HttpClient { BaseAddress = app.KestrelAddress, Timeout = Bound };

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("fresh", PanelMarkup.FinalState(page, "self"));
        Assert.Contains("operational", PanelMarkup.FinalHtml(page, "self"), StringComparison.Ordinal);
        Assert.Equal("unavailable", PanelMarkup.FinalState(page, "other"));
        AssertBlocked(app, page, "other", "blocked: '127.0.0.1' is a loopback address");
        Assert.Equal(0, upstream.Calls("other"));
    }

    [Fact]
    public async Task An_allowed_host_with_a_port_opens_that_port_only()
    {
        await using var listed = await FakeUpstream.StartAsync();
        await using var other = await FakeUpstream.StartAsync();
        listed.SetValue("listed", 5);
        other.SetValue("database", 6);
        await using var app = new DashboardAppFactory(
            $$"""
            {
              "Admin": { "AllowPrivateTargets": false, "AllowedHosts": [ "127.0.0.1:{{listed.BaseAddress.Port}}" ] },
              "Sources": { "listed": {{Source(listed.Url("listed"))}}, "database": {{Source(other.Url("database"))}} },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ {{Panel("listed")}}, {{Panel("database")}} ] } ]
            }
            """);
        using var client = app.CreateClient();
        client.Timeout = Bound;

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("fresh", PanelMarkup.FinalState(page, "listed"));
        Assert.Equal("unavailable", PanelMarkup.FinalState(page, "database"));
        AssertBlocked(app, page, "database", $"blocked: '127.0.0.1' is a loopback address and Dashboard:Admin:AllowedHosts lists it for other ports than {other.BaseAddress.Port}");
        Assert.Equal(0, other.Calls("database"));
    }

    [Fact]
    public async Task The_sources_handler_ignores_the_environments_proxy_and_uses_only_the_configured_one()
    {
        await using var plain = new DashboardAppFactory("""{ "Sources": {}, "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [] } ] }""");
        await using var proxied = new DashboardAppFactory("""{ "Http": { "Proxy": "http://proxy.internal.test:3128" }, "Sources": {}, "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [] } ] }""");

        var direct = SocketsHandler(plain);
        var viaProxy = SocketsHandler(proxied);

        // HTTP_PROXY would otherwise be picked up (UseProxy defaults to true) and the connect guard would only see the proxy.
        Assert.False(direct.UseProxy);
        Assert.True(viaProxy.UseProxy);
        Assert.Equal(new Uri("http://proxy.internal.test:3128/"), Assert.IsType<SourcesProxy>(viaProxy.Proxy).Address);
    }

    [Fact]
    public async Task Through_a_configured_proxy_targets_are_checked_as_written_before_the_proxy_is_asked()
    {
        // The fake upstream plays the proxy: it answers absolute-form requests by their path.
        await using var proxy = await FakeUpstream.StartAsync();
        proxy.SetValue("public", 31);
        await using var app = new DashboardAppFactory(
            $$"""
            {
              "Admin": { "AllowPrivateTargets": false },
              "Http": { "Proxy": "{{proxy.BaseAddress}}" },
              "Sources": {
                "public": {{Source("http://api.example.test/v/public")}},
                "private": {{Source("http://10.20.30.40/v/private")}},
                "loopback": {{Source("http://localhost/v/loopback")}},
                "meta": {{Source("http://metadata.google.internal/v/meta")}}
              },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ {{Panel("public")}}, {{Panel("private")}}, {{Panel("loopback")}}, {{Panel("meta")}} ] } ]
            }
            """,
            services => services.AddSingleton<IHostResolver>(resolver)); // Knows no public name: only the proxy resolves it.
        using var client = app.CreateClient();
        client.Timeout = Bound;

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("fresh", PanelMarkup.FinalState(page, "public"));
        Assert.Contains("<span class=\"number\">31</span>", PanelMarkup.FinalHtml(page, "public"), StringComparison.Ordinal);
        Assert.Equal(["api.example.test"], proxy.Hosts);
        AssertBlocked(app, page, "private", "blocked: '10.20.30.40' is a private address");
        AssertBlocked(app, page, "loopback", "blocked: 'localhost' is a loopback name");
        AssertBlocked(app, page, "meta", "blocked: 'metadata.google.internal' is a cloud metadata service (never allowed)");
        Assert.Equal(0, resolver.Lookups("api.example.test"));
    }

    /// <summary>Anonymous viewers see the generic reason; the detail (checked here) is for admins and /health.</summary>
    private static void AssertBlocked(DashboardAppFactory app, string page, string panel, string detail)
    {
        Assert.Contains("<span class=\"reason\">target not allowed</span>", PanelMarkup.FinalHtml(page, panel), StringComparison.Ordinal);
        Assert.Contains(detail, app.Services.GetRequiredService<SourceStatusBoard>().Get(panel).LastFailureReason, StringComparison.Ordinal);
    }

    private static SocketsHttpHandler SocketsHandler(DashboardAppFactory app)
    {
        HttpMessageHandler? handler = app.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(DashboardServiceCollectionExtensions.SourcesHttpClient);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        return Assert.IsType<SocketsHttpHandler>(handler);
    }

    private static string Source(string url) =>
        $$"""{ "Kind": "http", "Http": { "Url": "{{url}}", "Path": "value" }, "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10", "Retry": { "MaxRetries": 0 } }""";

    private static string Panel(string name) =>
        $$"""{ "Id": "{{name}}", "Type": "stat", "Title": "{{name}}", "Source": "{{name}}", "Format": "0", "Sparkline": false }""";
}
