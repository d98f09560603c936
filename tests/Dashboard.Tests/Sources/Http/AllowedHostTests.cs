using System.Net;
using Dashboard.Admin;
using Dashboard.Sources.Http;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Sources.Http;

/// <summary>SSRF scoping: an allowed host opens the port it names (or 80/443 without one), and this machine's own
/// interface addresses count as local even when they are public.</summary>
public sealed class AllowedHostTests
{
    [Theory]
    [InlineData("db.internal", "db.internal", null)]
    [InlineData(" Db.Internal. ", "Db.Internal", null)]
    [InlineData("127.0.0.1:5612", "127.0.0.1", 5612)]
    [InlineData("db.internal:8443", "db.internal", 8443)]
    [InlineData("::1", "::1", null)]
    [InlineData("fe80::1", "fe80::1", null)]
    [InlineData("[::1]", "::1", null)]
    [InlineData("[::1]:8080", "::1", 8080)]
    public void Entries_parse_with_an_optional_port(string entry, string host, int? port) =>
        Assert.Equal(new AllowedHost(host, port), AllowedHost.Parse(entry));

    [Theory]
    [InlineData("")]
    [InlineData("host:")]
    [InlineData(":80")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:http")]
    [InlineData("[::1]8080")]
    [InlineData("[nothost]:80")]
    [InlineData("a:b:c")]
    public void Malformed_entries_are_refused(string entry) => Assert.Null(AllowedHost.Parse(entry));

    [Theory]
    [InlineData("127.0.0.1", 5612, true)]
    [InlineData("::ffff:127.0.0.1", 5612, true)]
    [InlineData("127.0.0.1", 5432, false)]
    [InlineData("127.0.0.1", 80, false)]
    [InlineData("127.0.0.2", 5612, false)]
    public void A_listed_port_opens_that_port_only(string host, int port, bool allowed) =>
        Assert.Equal(allowed, Policy(["127.0.0.1:5612"]).IsAllowed(host, port));

    [Theory]
    [InlineData(80, true)]
    [InlineData(443, true)]
    [InlineData(5432, false)]
    [InlineData(8080, false)]
    public void A_host_without_a_port_opens_the_default_web_ports_only(int port, bool allowed) =>
        Assert.Equal(allowed, Policy(["10.0.0.5", "db.internal"]).IsAllowed("10.0.0.5", port) && Policy(["db.internal"]).IsAllowed("db.internal", port));

    [Fact]
    public async Task Connecting_to_another_port_of_a_listed_host_is_refused_and_says_which_ports_are_listed()
    {
        var policy = Policy(["127.0.0.1:5612"]);

        Assert.Equal([IPAddress.Loopback], await policy.ResolveForConnectAsync("127.0.0.1", 5612, TestContext.Current.CancellationToken));
        var blocked = await Assert.ThrowsAsync<TargetBlockedException>(() => policy.ResolveForConnectAsync("127.0.0.1", 5432, TestContext.Current.CancellationToken));
        Assert.StartsWith("blocked: '127.0.0.1' is a loopback address and Dashboard:Admin:AllowedHosts lists it for other ports than 5432", blocked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task This_machines_own_public_address_is_refused_like_loopback_unless_private_targets_are_allowed()
    {
        var own = IPAddress.Parse("203.0.113.7");
        var names = new MappedHostResolver(new Dictionary<string, IPAddress[]?> { ["me.example"] = [own], ["other.example"] = [IPAddress.Parse("203.0.113.8")] });

        var literal = await Assert.ThrowsAsync<TargetBlockedException>(() => Policy([], names, own).ResolveForConnectAsync("203.0.113.7", 443, TestContext.Current.CancellationToken));
        var named = await Assert.ThrowsAsync<TargetBlockedException>(() => Policy([], names, own).ResolveForConnectAsync("me.example", 443, TestContext.Current.CancellationToken));

        Assert.StartsWith("blocked: '203.0.113.7' is a local-interface address", literal.Message, StringComparison.Ordinal);
        Assert.StartsWith("blocked: 'me.example' resolves to local-interface address 203.0.113.7", named.Message, StringComparison.Ordinal);
        Assert.Single(await Policy([], names, own).ResolveForConnectAsync("other.example", 443, TestContext.Current.CancellationToken));
        Assert.Single(await Policy(["203.0.113.7:8443"], names, own).ResolveForConnectAsync("203.0.113.7", 8443, TestContext.Current.CancellationToken));
        Assert.Single(await Policy([], names, own, allowPrivate: true).ResolveForConnectAsync("me.example", 443, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_real_interface_list_holds_this_machines_addresses()
    {
        var local = new LocalInterfaceAddresses(TimeProvider.System);
        var addresses = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address).ToList();

        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.True(local.Contains(a), $"{a} is this machine's"));
        Assert.False(local.Contains(IPAddress.Parse("198.51.100.77")));
    }

    [Fact]
    public void The_interface_list_is_read_again_after_thirty_seconds()
    {
        var time = new FakeTimeProvider();
        var current = new List<IPAddress> { IPAddress.Parse("203.0.113.7") };
        var local = new LocalInterfaceAddresses(() => [.. current], time);
        Assert.True(local.Contains(IPAddress.Parse("203.0.113.7")));

        current[0] = IPAddress.Parse("203.0.113.9");
        Assert.True(local.Contains(IPAddress.Parse("203.0.113.7")));
        time.Advance(TimeSpan.FromSeconds(31));

        Assert.False(local.Contains(IPAddress.Parse("203.0.113.7")));
        Assert.True(local.Contains(IPAddress.Parse("203.0.113.9")));
    }

    private static TargetAddressPolicy Policy(string[] allowedHosts, IHostResolver? resolver = null, IPAddress? own = null, bool allowPrivate = false) =>
        new(
            new StaticOptionsMonitor<AdminOptions>(new AdminOptions { AllowedHosts = [.. allowedHosts], AllowPrivateTargets = allowPrivate }),
            resolver ?? new MappedHostResolver(new Dictionary<string, IPAddress[]?>()),
            localInterfaces: new LocalInterfaceAddresses(() => own is null ? [] : [own], TimeProvider.System));
}
