using System.Net;
using Dashboard.Admin;
using Dashboard.Sources.Http;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Http;

public sealed class TargetAddressPolicyTests
{
    private static readonly IPAddress Metadata = IPAddress.Parse("169.254.169.254");

    private readonly MappedHostResolver resolver = new(new Dictionary<string, IPAddress[]?>
    {
        ["metadata-alias.test"] = [Metadata],
        ["mapped-alias.test"] = [IPAddress.Parse("::ffff:169.254.169.254")],
        ["mixed-alias.test"] = [IPAddress.Loopback, Metadata],
        ["allowed-alias.test"] = [Metadata],
        ["other-link-local.test"] = [IPAddress.Parse("169.254.10.10")],
        ["local-alias.test"] = [IPAddress.Loopback, IPAddress.Parse("10.0.0.1")],
        ["slow.test"] = null,
    });

    private TargetAddressPolicy Policy(params string[] allowedHosts) => Policy(allowPrivate: false, allowedHosts);

    private TargetAddressPolicy Policy(bool allowPrivate, params string[] allowedHosts) =>
        new(new StaticOptionsMonitor<AdminOptions>(new AdminOptions { AllowedHosts = [.. allowedHosts], AllowPrivateTargets = allowPrivate }), resolver);

    [Theory]
    [InlineData("169.254.169.254", "cloud-metadata")]
    [InlineData("::ffff:169.254.169.254", "cloud-metadata")]
    [InlineData("64:ff9b::a9fe:a9fe", "cloud-metadata")]
    [InlineData("169.254.170.2", "cloud-metadata")]
    [InlineData("100.100.100.200", "cloud-metadata")]
    [InlineData("168.63.129.16", "cloud-metadata")]
    [InlineData("fd00:ec2::254", "cloud-metadata")]
    [InlineData("fd20:ce::254", "cloud-metadata")]
    [InlineData("169.254.0.1", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fe80::1%2", "link-local")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("::ffff:192.168.1.1", "private")]
    [InlineData("100.64.0.1", "shared (CGNAT)")]
    [InlineData("100.127.255.254", "shared (CGNAT)")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("fd00:ec2::253", "unique-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("8.8.8.8", null)]
    [InlineData("172.32.0.1", null)]
    [InlineData("100.128.0.1", null)]
    [InlineData("169.253.255.255", null)]
    [InlineData("2606:4700::1111", null)]
    public void Addresses_are_classified_with_mapped_and_nat64_forms_counting_as_the_ipv4_address(string address, string? kind) =>
        Assert.Equal(kind, TargetAddressRanges.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("metadata.google.internal", true)]
    [InlineData("METADATA.google.internal.", true)]
    [InlineData("metadata", true)]
    [InlineData("instance-data.ec2.internal", true)]
    [InlineData("metadata.example.com", false)]
    public void Metadata_host_names_are_known(string host, bool metadata) => Assert.Equal(metadata, TargetAddressPolicy.IsMetadataHost(host));

    [Theory]
    [InlineData("Allowed.Example.", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("[fe80::1]", true)]
    [InlineData("other.example", false)]
    [InlineData("10.1.2.4", false)]
    public void The_allowlist_matches_host_names_and_addresses_in_any_notation(string host, bool allowed) =>
        Assert.Equal(allowed, Policy("allowed.example", " 10.1.2.3 ", "fe80::1").IsAllowed(host, 443));

    [Fact]
    public async Task A_name_resolving_to_a_metadata_address_is_blocked_at_connect_time_with_the_reason()
    {
        var blocked = await Assert.ThrowsAsync<TargetBlockedException>(() => Policy().ResolveForConnectAsync("metadata-alias.test", 80, CancellationToken.None));

        Assert.Equal("blocked: 'metadata-alias.test' resolves to cloud-metadata address 169.254.169.254 (never allowed)", blocked.Message);
    }

    [Theory]
    [InlineData("mapped-alias.test", "resolves to cloud-metadata address 169.254.169.254")]
    [InlineData("mixed-alias.test", "resolves to loopback address 127.0.0.1")]
    [InlineData("other-link-local.test", "resolves to link-local address 169.254.10.10")]
    [InlineData("169.254.169.254", "'169.254.169.254' is a cloud-metadata address")]
    [InlineData("[fd00:ec2::254]", "'fd00:ec2::254' is a cloud-metadata address")]
    [InlineData("127.0.0.1", "'127.0.0.1' is a loopback address (set Dashboard:Admin:AllowPrivateTargets or list the host in Dashboard:Admin:AllowedHosts if intended)")]
    [InlineData("0.0.0.0", "'0.0.0.0' is an unspecified address")]
    [InlineData("metadata.google.internal", "'metadata.google.internal' is a cloud metadata service")]
    public async Task Any_refused_address_blocks_the_host_mapped_addresses_and_literals_included(string host, string reason)
    {
        var blocked = await Assert.ThrowsAsync<TargetBlockedException>(() => Policy().ResolveForConnectAsync(host, 80, CancellationToken.None));

        Assert.Contains(reason, blocked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Private_targets_pass_when_allowed_or_allowlisted_but_metadata_never_does()
    {
        Assert.Equal(2, (await Policy(allowPrivate: true).ResolveForConnectAsync("local-alias.test", 80, CancellationToken.None)).Length);
        Assert.Equal([IPAddress.Parse("169.254.10.10")], await Policy("169.254.10.10").ResolveForConnectAsync("other-link-local.test", 80, CancellationToken.None));
        Assert.Equal(2, (await Policy("local-alias.test").ResolveForConnectAsync("local-alias.test", 80, CancellationToken.None)).Length);

        var everything = Policy(allowPrivate: true, "allowed-alias.test", "169.254.169.254", "metadata.google.internal");
        await Assert.ThrowsAsync<TargetBlockedException>(() => everything.ResolveForConnectAsync("allowed-alias.test", 80, CancellationToken.None));
        await Assert.ThrowsAsync<TargetBlockedException>(() => everything.ResolveForConnectAsync("mixed-alias.test", 80, CancellationToken.None));
        await Assert.ThrowsAsync<TargetBlockedException>(() => everything.ResolveForConnectAsync("169.254.169.254", 80, CancellationToken.None));
        await Assert.ThrowsAsync<TargetBlockedException>(() => everything.ResolveForConnectAsync("metadata.google.internal", 80, CancellationToken.None));
    }

    [Fact]
    public async Task An_address_literal_is_checked_without_a_lookup()
    {
        Assert.Equal([IPAddress.Loopback], await Policy(allowPrivate: true).ResolveForConnectAsync("127.0.0.1", 80, CancellationToken.None));
        Assert.Equal(0, resolver.Lookups("127.0.0.1"));
    }

    [Fact]
    public async Task Save_time_check_refuses_a_blocked_resolution_and_accepts_a_failed_or_slow_one()
    {
        var policy = Policy();
        var bound = TimeSpan.FromMilliseconds(50);

        Assert.Equal(
            "the host 'metadata-alias.test' resolves to cloud-metadata address 169.254.169.254; such targets are never allowed",
            await policy.CheckResolvedHostAsync("metadata-alias.test", 80, bound, CancellationToken.None));
        Assert.Equal(
            "the host 'local-alias.test' resolves to loopback address 127.0.0.1; set Dashboard:Admin:AllowPrivateTargets or list the host in Dashboard:Admin:AllowedHosts if you really mean it",
            await policy.CheckResolvedHostAsync("local-alias.test", 80, bound, CancellationToken.None));
        Assert.Null(await Policy(allowPrivate: true).CheckResolvedHostAsync("local-alias.test", 80, bound, CancellationToken.None));
        Assert.Null(await policy.CheckResolvedHostAsync("unknown.test", 80, bound, CancellationToken.None));
        Assert.Null(await policy.CheckResolvedHostAsync("slow.test", 80, bound, CancellationToken.None));
    }

    [Fact]
    public async Task Save_time_check_honours_the_callers_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Policy().CheckResolvedHostAsync("slow.test", 80, TimeSpan.FromSeconds(30), cancelled.Token));
    }
}
