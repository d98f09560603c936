using System.Net;
using Dashboard.Sources.Engine;
using Dashboard.Sources.Http;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Http;

/// <summary>The real app and its real sources HttpClient, with DNS replaced by <see cref="MappedHostResolver"/>: a host
/// that resolves to a link-local address is refused at connect time, before any socket is opened; loopback works.</summary>
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
    });

    private FakeUpstream upstream = default!;
    private DashboardAppFactory app = default!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("local", 42);
        upstream.SetValue("allowed", 7);
        var port = upstream.BaseAddress.Port;
        string Source(string host, string name) =>
            $$"""{ "Kind": "http", "Http": { "Url": "http://{{host}}:{{port}}/v/{{name}}", "Path": "value" }, "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:05", "Retry": { "MaxRetries": 2, "BaseDelay": "00:00:00.010" } }""";
        string Panel(string name) => $$"""{ "Id": "{{name}}", "Type": "stat", "Title": "{{name}}", "Source": "{{name}}", "Format": "0", "Sparkline": false }""";
        var names = new[] { "meta", "local", "mixed", "allowed" };
        var hosts = new[] { "metadata-alias.test", "local-alias.test", "mixed-alias.test", "allowed-alias.test" };
        app = new DashboardAppFactory(
            $$"""
            {
              "Admin": { "AllowedHosts": [ "allowed-alias.test" ] },
              "Sources": { {{string.Join(", ", names.Select((n, i) => $"\"{n}\": {Source(hosts[i], n)}"))}} },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ {{string.Join(", ", names.Select(Panel))}} ] } ]
            }
            """,
            services => services.AddSingleton<IHostResolver>(resolver));
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_host_resolving_to_a_link_local_address_fails_with_the_blocked_reason_without_a_connection_attempt_or_retries()
    {
        using var sockets = new SocketConnectRecorder();
        using var client = Client();

        var page = await client.GetStringAsync("/");

        var panel = WebUtility.HtmlDecode(PanelMarkup.FinalHtml(page, "meta"));
        Assert.Equal("unavailable", PanelMarkup.FinalState(page, "meta"));
        Assert.Contains("<span class=\"reason\">target not allowed</span>", panel, StringComparison.Ordinal);
        Assert.Equal(
            "blocked: 'metadata-alias.test' resolves to link-local address 169.254.169.254 (add it to Dashboard:Admin:AllowedHosts if intended)",
            app.Services.GetRequiredService<SourceStatusBoard>().Get("meta").LastFailureReason); // The detail, for admins and /health.
        Assert.Equal(1, resolver.Lookups("metadata-alias.test")); // Not transient: the retry policy (2 retries) left it alone.
        Assert.DoesNotContain(sockets.Addresses, a => a.Contains("169,254,169,254", StringComparison.Ordinal));
        Assert.Contains(sockets.Addresses, a => a.Contains("127,0,0,1", StringComparison.Ordinal)); // The recorder does see connects.
    }

    [Fact]
    public async Task A_host_resolving_to_loopback_is_fetched()
    {
        using var client = Client();

        var page = await client.GetStringAsync("/");

        Assert.Equal("fresh", PanelMarkup.FinalState(page, "local"));
        Assert.Contains("<span class=\"number\">42</span>", PanelMarkup.FinalHtml(page, "local"), StringComparison.Ordinal);
        Assert.Equal(1, upstream.Calls("local"));
    }

    [Fact]
    public async Task One_link_local_answer_among_good_ones_blocks_the_host_unless_it_is_allowlisted()
    {
        using var client = Client();

        var page = await client.GetStringAsync("/");

        Assert.Equal("unavailable", PanelMarkup.FinalState(page, "mixed"));
        // Anonymous viewers get the generic reason; the detail ("blocked: 'mixed-alias.test' resolves to …") is for admins.
        Assert.Contains("<span class=\"reason\">target not allowed</span>", PanelMarkup.FinalHtml(page, "mixed"), StringComparison.Ordinal);
        Assert.Equal(0, upstream.Calls("mixed"));

        Assert.Equal("fresh", PanelMarkup.FinalState(page, "allowed"));
        Assert.Contains("<span class=\"number\">7</span>", PanelMarkup.FinalHtml(page, "allowed"), StringComparison.Ordinal);
    }

    private HttpClient Client()
    {
        var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(15);
        return client;
    }
}
