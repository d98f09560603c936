using Dashboard.Admin;
using Dashboard.Sources.Http;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Admin;

public sealed class AdminSourceRulesTests
{
    [Theory]
    [InlineData("SELECT count(*) FROM t")]
    [InlineData("  with x as (select 1) select * from x;")]
    [InlineData("SELECT 'a;b -- DELETE' AS text FROM t -- trailing comment")]
    [InlineData("SELECT updated_at FROM t")]
    public void A_single_read_only_statement_is_accepted(string sql) => Assert.Null(AdminSourceRules.CheckSql(sql));

    [Theory]
    [InlineData("SELECT 1; DELETE FROM t", "single statement")]
    [InlineData("DELETE FROM t", "SELECT or WITH")]
    [InlineData("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "'DELETE' is not allowed")]
    [InlineData("SELECT * INTO copy FROM t", "'INTO' is not allowed")]
    [InlineData("SELECT $$x$$", "'$'")]
    public void Anything_else_is_refused_with_the_reason(string sql, string reason) =>
        Assert.Contains(reason, AdminSourceRules.CheckSql(sql), StringComparison.Ordinal);

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", "cloud-metadata")]
    [InlineData("http://[::ffff:169.254.169.254]/", "cloud-metadata")]
    [InlineData("http://[fd00:ec2::254]/", "cloud-metadata")]
    [InlineData("http://100.100.100.200/latest/meta-data", "cloud-metadata")]
    [InlineData("http://168.63.129.16/machine", "cloud-metadata")]
    [InlineData("http://[fd20:ce::254]/", "cloud-metadata")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1", "cloud metadata service")]
    [InlineData("http://[fe80::1]/", "link-local")]
    [InlineData("http://127.0.0.1:8080/", "loopback")]
    [InlineData("http://[::1]/", "loopback")]
    [InlineData("http://localhost:9000/", "loopback name")]
    [InlineData("http://10.0.0.8/", "private")]
    [InlineData("http://192.168.1.1/", "private")]
    [InlineData("http://[::ffff:10.0.0.8]/", "private")]
    [InlineData("http://100.64.1.1/", "shared (CGNAT)")]
    [InlineData("http://[fd12::1]/", "unique-local")]
    [InlineData("http://0.0.0.0/", "unspecified")]
    [InlineData("https://user:pa55@api.example.com/v1", "credentials")]
    [InlineData("http://allowed.internal.example:8080/x", null)]
    [InlineData("http://169.254.10.10/allowlisted", null)]
    [InlineData("http://internal.example/name-not-resolved-here", null)]
    [InlineData("https://api.example.com/v1", null)]
    [InlineData("https://8.8.8.8/v1", null)]
    [InlineData("/demo/api/fast", null)]
    public void Metadata_and_private_hosts_are_refused_as_written_unless_allowlisted(string url, string? refusal)
    {
        Assert.Equal(refusal is not null, Rules(allowPrivate: false).CheckUrl(url) is not null);
        if (refusal is not null)
        {
            Assert.Contains(refusal, Rules(allowPrivate: false).CheckUrl(url), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/", false)]
    [InlineData("http://localhost:9000/", false)]
    [InlineData("http://10.0.0.8/", false)]
    [InlineData("http://169.254.169.254/latest/meta-data", true)]
    [InlineData("http://[fd20:ce::254]/", true)]
    [InlineData("http://metadata/computeMetadata/v1", true)]
    public void With_private_targets_allowed_only_metadata_is_refused(string url, bool refused) =>
        Assert.Equal(refused, Rules(allowPrivate: true).CheckUrl(url) is not null);

    private static AdminSourceRules Rules(bool allowPrivate)
    {
        var options = new AdminOptions { AllowedHosts = ["169.254.10.10", "allowed.internal.example"], AllowPrivateTargets = allowPrivate };
        return new AdminSourceRules(new TargetAddressPolicy(new StaticOptionsMonitor<AdminOptions>(options), new DnsHostResolver()));
    }
}
