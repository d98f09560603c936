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

    private TargetAddressPolicy Policy(params string[] allowedHosts) =>
        new(new StaticOptionsMonitor<AdminOptions>(new AdminOptions { AllowedHosts = [.. allowedHosts] }), resolver);

    [Theory]
    [InlineData("169.254.169.254", true)]
    [InlineData("169.254.0.1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:169.254.169.254", true)]
    [InlineData("fd00:ec2::254", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00:ec2::253", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("169.253.255.255", false)]
    public void Link_local_and_metadata_addresses_are_blocked_loopback_private_and_public_are_not(string address, bool blocked) =>
        Assert.Equal(blocked, TargetAddressPolicy.IsLinkLocalOrMetadata(IPAddress.Parse(address)));

    [Theory]
    [InlineData("metadata.google.internal", true)]
    [InlineData("METADATA.google.internal.", true)]
    [InlineData("metadata", true)]
    [InlineData("metadata.example.com", false)]
    public void Metadata_host_names_are_known(string host, bool metadata) => Assert.Equal(metadata, TargetAddressPolicy.IsMetadataHost(host));

    [Theory]
    [InlineData("Allowed.Example.", true)]
    [InlineData("169.254.10.10", true)]
    [InlineData("::ffff:169.254.10.10", true)]
    [InlineData("[fe80::1]", true)]
    [InlineData("other.example", false)]
    [InlineData("169.254.10.11", false)]
    public void The_allowlist_matches_host_names_and_addresses_in_any_notation(string host, bool allowed) =>
        Assert.Equal(allowed, Policy("allowed.example", " 169.254.10.10 ", "fe80::1").IsAllowed(host));

    [Fact]
    public async Task A_name_resolving_to_a_link_local_address_is_blocked_at_connect_time_with_the_reason()
    {
        var blocked = await Assert.ThrowsAsync<TargetBlockedException>(() => Policy().ResolveForConnectAsync("metadata-alias.test", CancellationToken.None));

        Assert.Equal(
            "blocked: 'metadata-alias.test' resolves to link-local address 169.254.169.254 (add it to Dashboard:Admin:AllowedHosts if intended)",
            blocked.Message);
    }

    [Theory]
    [InlineData("mapped-alias.test", "resolves to link-local address 169.254.169.254")]
    [InlineData("mixed-alias.test", "resolves to link-local address 169.254.169.254")]
    [InlineData("169.254.169.254", "'169.254.169.254' is a link-local address")]
    [InlineData("[fd00:ec2::254]", "'fd00:ec2::254' is a cloud-metadata address")]
    public async Task Any_blocked_address_blocks_the_host_mapped_addresses_and_literals_included(string host, string reason)
    {
        var blocked = await Assert.ThrowsAsync<TargetBlockedException>(() => Policy().ResolveForConnectAsync(host, CancellationToken.None));

        Assert.Contains(reason, blocked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowlisted_host_name_or_address_passes_and_other_names_resolve_as_usual()
    {
        var policy = Policy("allowed-alias.test", "169.254.10.10");

        Assert.Equal([Metadata], await policy.ResolveForConnectAsync("allowed-alias.test", CancellationToken.None));
        Assert.Equal([IPAddress.Parse("169.254.10.10")], await policy.ResolveForConnectAsync("other-link-local.test", CancellationToken.None));
        Assert.Equal(2, (await policy.ResolveForConnectAsync("local-alias.test", CancellationToken.None)).Length);
        await Assert.ThrowsAsync<TargetBlockedException>(() => policy.ResolveForConnectAsync("metadata-alias.test", CancellationToken.None));
    }

    [Fact]
    public async Task An_address_literal_is_checked_without_a_lookup()
    {
        Assert.Equal([IPAddress.Loopback], await Policy().ResolveForConnectAsync("127.0.0.1", CancellationToken.None));
        Assert.Equal(0, resolver.Lookups("127.0.0.1"));
    }

    [Fact]
    public async Task Save_time_check_refuses_a_blocked_resolution_and_accepts_a_failed_or_slow_one()
    {
        var policy = Policy();
        var bound = TimeSpan.FromMilliseconds(50);

        Assert.Equal(
            "the host 'metadata-alias.test' resolves to link-local address 169.254.169.254; add it to Dashboard:Admin:AllowedHosts if you really mean it",
            await policy.CheckResolvedHostAsync("metadata-alias.test", bound, CancellationToken.None));
        Assert.Null(await policy.CheckResolvedHostAsync("local-alias.test", bound, CancellationToken.None));
        Assert.Null(await policy.CheckResolvedHostAsync("unknown.test", bound, CancellationToken.None));
        Assert.Null(await policy.CheckResolvedHostAsync("slow.test", bound, CancellationToken.None));
    }

    [Fact]
    public async Task Save_time_check_honours_the_callers_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Policy().CheckResolvedHostAsync("slow.test", TimeSpan.FromSeconds(30), cancelled.Token));
    }
}
