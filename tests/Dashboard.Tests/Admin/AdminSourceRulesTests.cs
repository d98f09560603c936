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
    [InlineData("http://169.254.169.254/latest/meta-data", true)]
    [InlineData("http://[::ffff:169.254.169.254]/", true)]
    [InlineData("http://[fd00:ec2::254]/", true)]
    [InlineData("http://[fe80::1]/", true)]
    [InlineData("http://metadata.google.internal/computeMetadata/v1", true)]
    [InlineData("https://user:pa55@api.example.com/v1", true)]
    [InlineData("http://allowed.internal.example:8080/x", false)]
    [InlineData("http://169.254.10.10/allowlisted", false)]
    [InlineData("https://api.example.com/v1", false)]
    [InlineData("/demo/api/fast", false)]
    public void Link_local_and_metadata_hosts_are_refused_unless_allowlisted(string url, bool refused)
    {
        var options = new AdminOptions { AllowedHosts = ["169.254.10.10", "allowed.internal.example"] };
        var rules = new AdminSourceRules(new TargetAddressPolicy(new StaticOptionsMonitor<AdminOptions>(options), new DnsHostResolver()));

        Assert.Equal(refused, rules.CheckUrl(url) is not null);
    }
}
