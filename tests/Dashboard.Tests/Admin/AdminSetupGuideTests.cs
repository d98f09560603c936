using Dashboard.Admin;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Dashboard.Tests.Admin;

/// <summary>The closed admin area's steps are complete for the environment the app runs in, and <c>hash-password</c>
/// prints every variable a local trial needs.</summary>
public sealed class AdminSetupGuideTests
{
    private static string Steps(string environment, KeyRingProtectionOptions? keyRing = null, bool https = false) =>
        string.Join("\n", AdminSetupGuide.For(new HostingEnvironment { EnvironmentName = environment, ContentRootPath = AppContext.BaseDirectory }, keyRing ?? new(), https).Select(s => s.Text + "\n" + s.Commands));

    [Fact]
    public void Development_needs_the_hash_the_two_variables_and_a_restart_only()
    {
        var steps = AdminSetupGuide.For(new HostingEnvironment { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory }, new(), requestIsHttps: false);

        Assert.Equal(3, steps.Count);
        Assert.Equal("dotnet run --project src/Dashboard -- hash-password admin", steps[0].Commands);
        Assert.Equal(["Dashboard__Admin__UserName", "Dashboard__Admin__PasswordHash"], ShellExports.Parse(steps[1].Commands!).Keys);
        Assert.Equal("dotnet run --project src/Dashboard", steps[2].Commands);
        var text = Steps(Environments.Development);
        Assert.DoesNotContain("Certificate", text, StringComparison.Ordinal);
        Assert.DoesNotContain("HTTPS", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_also_needs_the_key_ring_protected_and_https()
    {
        var text = Steps(Environments.Production);

        Assert.Contains("export Dashboard__DataProtection__CertificatePath=", text, StringComparison.Ordinal);
        Assert.Contains("Dashboard__DataProtection__AllowUnencryptedKeys=true", text, StringComparison.Ordinal);
        Assert.Contains("HTTPS", text, StringComparison.Ordinal);
        Assert.Contains("this page came over plain HTTP", text, StringComparison.Ordinal);
        Assert.DoesNotContain("this page came over plain HTTP", Steps(Environments.Production, https: true), StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_key_ring_or_another_environment_drops_the_certificate_step_but_keeps_https()
    {
        var allowed = Steps(Environments.Production, new KeyRingProtectionOptions { AllowUnencryptedKeys = true });
        var staging = Steps(Environments.Staging);

        Assert.All([allowed, staging], text =>
        {
            Assert.DoesNotContain("CertificatePath", text, StringComparison.Ordinal);
            Assert.Contains("HTTPS", text, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("o'brien")]
    public void Hash_password_prints_both_variables_as_shell_lines_that_read_back_exactly(string user)
    {
        const string Hash = "AQAAAAIAAYagAAAAE+/x==";

        var variables = ShellExports.Parse(PasswordHashCommand.Instructions(user, Hash));

        Assert.Equal(user, variables["Dashboard__Admin__UserName"]);
        Assert.Equal(Hash, variables["Dashboard__Admin__PasswordHash"]);
        Assert.Equal(2, variables.Count);
    }
}
