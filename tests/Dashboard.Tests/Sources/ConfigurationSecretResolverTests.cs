using Dashboard.Sources;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Tests.Sources;

/// <summary>Secret references read the <c>Secrets</c> section and nothing else: an admin who can type a reference and
/// a URL must not be able to send the storage connection string, the password hash or any environment variable away.</summary>
public sealed class ConfigurationSecretResolverTests
{
    private static readonly ConfigurationSecretResolver Resolver = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["API_KEY"] = "top-level-value",
            ["Secrets:API_KEY"] = "scoped-value",
            ["Secrets:OTHER"] = "other/value+1",
            ["ONLY_TOP"] = "not-a-secret",
            ["Dashboard:Storage:ConnectionString"] = "Host=db;Password=hunter2",
            ["Dashboard:Admin:PasswordHash"] = "v1.hash",
        })
        .Build());

    [Fact]
    public void A_reference_reads_the_Secrets_section()
    {
        Assert.Equal("Bearer scoped-value", Resolver.Resolve("Bearer {secret:API_KEY}"));
    }

    [Theory]
    [InlineData("{secret:Dashboard:Storage:ConnectionString}")]
    [InlineData("{secret:Dashboard:Admin:PasswordHash}")]
    [InlineData("{secret:Secrets:API_KEY}")]
    [InlineData("{secret:}")]
    [InlineData("{secret:a b}")]
    public void A_name_outside_the_section_is_refused_and_nothing_is_read(string template)
    {
        var failure = Assert.Throws<SourceFailureException>(() => Resolver.Resolve(template));

        Assert.Contains("is not allowed", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure.Reason, StringComparison.Ordinal);
        Assert.NotEmpty(ConfigurationSecretResolver.RefusedNames(template));
        Assert.Empty(Resolver.Check(template)); // The validator's message, not twice.
    }

    [Fact]
    public void A_top_level_key_of_the_same_name_is_not_a_secret()
    {
        var failure = Assert.Throws<SourceFailureException>(() => Resolver.Resolve("{secret:ONLY_TOP}"));

        Assert.Equal("secret 'ONLY_TOP' is not set (configuration key Secrets:ONLY_TOP, environment variable Secrets__ONLY_TOP)", failure.Reason);
        Assert.Equal(PublicReasons.Configuration, failure.PublicReason);
        Assert.Equal([failure.Reason], Resolver.Check("x {secret:ONLY_TOP} {secret:API_KEY}"));
    }

    [Fact]
    public void Redact_masks_every_configured_secret_also_url_escaped()
    {
        var text = $"a scoped-value b {Uri.EscapeDataString("other/value+1")} c other/value+1 top-level-value";

        Assert.Equal("a *** b *** c *** top-level-value", Resolver.Redact(text));
    }
}
