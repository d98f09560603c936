using System.Net;
using Dashboard.Sources.Engine;
using Dashboard.Sources.Http;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Http;

/// <summary>The real app and its real sources HttpClient, with DNS replaced by <see cref="MappedHostResolver"/> and
/// <c>AllowPrivateTargets</c> on (the test factory's default): a host that resolves to a cloud-metadata address is refused
/// at connect time, before any socket is opened, even when allowlisted; loopback works.</summary>
public sealed class ConnectGuardTests : IAsyncLifetime
{
    private static readonly IPAddress Metadata = IPAddress.Parse("169.254.169.254");

    private readonly MappedHostResolver resolver = new(new Dictionary<string, IPAddress[]?>
    {
        ["metadata-alias.test"] = [Metadata],
        ["local-alias.test"] = [IPAddress.Loopback],
        // Loopback first: were the guard to pick the good answer, the fetch would succeed.
        ["mixed-alias.test"] = [IPAddress.Loopback, Metadata],
        ["allowed-alias.test"] = [IPAddress.Loopback, Metadata],
        ["alibaba-alias.test"] = [IPAddress.Parse("100.100.100.200")],
        ["azure-alias.test"] = [IPAddress.Parse("168.63.129.16")],
        ["gcp6-alias.test"] = [IPAddress.Parse("fd20:ce::254")],
    });

    private FakeUpstream upstream = default!;
    private DashboardAppFactory app = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("local", 42);
        upstream.SetValue("allowed", 7);
        var port = upstream.BaseAddress.Port;
        string Source(string host, string name) =>
            $$"""{ "Kind": "http", "Http": { "Url": "http://{{host}}:{{port}}/v/{{name}}", "Path": "value" }, "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:05", "Retry": { "MaxRetries": 2, "BaseDelay": "00:00:00.010" } }""";
        string Panel(string name) => $$"""{ "Id": "{{name}}", "Type": "stat", "Title": "{{name}}", "Source": "{{name}}", "Format": "0", "Sparkline": false }""";
        var names = new[] { "meta", "local", "mixed", "allowed", "alibaba", "azure", "gcp6" };
        var hosts = new[] { "metadata-alias.test", "local-alias.test", "mixed-alias.test", "allowed-alias.test", "alibaba-alias.test", "azure-alias.test", "gcp6-alias.test" };
        app = new DashboardAppFactory(
            $$"""
            {
              "Admin": { "AllowedHosts": [ "allowed-alias.test", "169.254.169.254", "100.100.100.200" ], "AllowPrivateTargets": true },
              "Sources": { {{string.Join(", ", names.Select((n, i) => $"\"{n}\": {Source(hosts[i], n)}"))}} },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ {{string.Join(", ", names.Select(Panel))}} ] } ]
            }
            """,
            services => services.AddSingleton<IHostResolver>(resolver));
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_host_resolving_to_a_metadata_address_fails_with_the_blocked_reason_without_a_connection_attempt_or_retries()
    {
        using var sockets = new SocketConnectRecorder();
        using var client = Client();

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        var panel = WebUtility.HtmlDecode(PanelMarkup.FinalHtml(page, "meta"));
        Assert.Equal("unavailable", PanelMarkup.FinalState(page, "meta"));
        Assert.Contains("<span class=\"reason\">target not allowed</span>", panel, StringComparison.Ordinal);
        Assert.Equal(
            "blocked: 'metadata-alias.test' resolves to cloud-metadata address 169.254.169.254 (never allowed)",
            app.Services.GetRequiredService<SourceStatusBoard>().Get("meta").LastFailureReason); // The detail, for admins and /health.
        Assert.Equal(1, resolver.Lookups("metadata-alias.test")); // Not transient: the retry policy (2 retries) left it alone.
        Assert.DoesNotContain(sockets.Addresses, a => a.Contains("169,254,169,254", StringComparison.Ordinal));
        Assert.Contains(sockets.Addresses, a => a.Contains("127,0,0,1", StringComparison.Ordinal)); // The recorder does see connects.
    }

    [Fact]
    public async Task A_host_resolving_to_loopback_is_fetched()
    {
        using var client = Client();

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("fresh", PanelMarkup.FinalState(page, "local"));
        Assert.Contains("<span class=\"number\">42</span>", PanelMarkup.FinalHtml(page, "local"), StringComparison.Ordinal);
        Assert.Equal(1, upstream.Calls("local"));
    }

    [Fact]
    public async Task One_metadata_answer_among_good_ones_blocks_the_host_even_when_it_is_allowlisted()
    {
        using var client = Client();

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        var board = app.Services.GetRequiredService<SourceStatusBoard>();
        foreach (var (panel, host) in new[] { ("mixed", "mixed-alias.test"), ("allowed", "allowed-alias.test") })
        {
            Assert.Equal("unavailable", PanelMarkup.FinalState(page, panel));
            // Anonymous viewers get the generic reason; the detail is for admins and /health.
            Assert.Contains("<span class=\"reason\">target not allowed</span>", PanelMarkup.FinalHtml(page, panel), StringComparison.Ordinal);
            Assert.Equal($"blocked: '{host}' resolves to cloud-metadata address 169.254.169.254 (never allowed)", board.Get(panel).LastFailureReason);
            Assert.Equal(0, upstream.Calls(panel));
        }
    }

    [Theory]
    [InlineData("alibaba", "100.100.100.200")]
    [InlineData("azure", "168.63.129.16")]
    [InlineData("gcp6", "fd20:ce::254")]
    public async Task Other_clouds_metadata_addresses_are_refused_with_private_targets_allowed_and_without_a_connection_attempt(string panel, string address)
    {
        using var sockets = new SocketConnectRecorder();
        using var client = Client();

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("unavailable", PanelMarkup.FinalState(page, panel));
        Assert.Equal(
            $"blocked: '{panel}-alias.test' resolves to cloud-metadata address {address} (never allowed)",
            app.Services.GetRequiredService<SourceStatusBoard>().Get(panel).LastFailureReason);
        var bytes = string.Join(",", IPAddress.Parse(address).GetAddressBytes());
        Assert.DoesNotContain(sockets.Addresses, a => a.Contains(bytes, StringComparison.Ordinal));
    }

    private HttpClient Client()
    {
        var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(15);
        return client;
    }
}
