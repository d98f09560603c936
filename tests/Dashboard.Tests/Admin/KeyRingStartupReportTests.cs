using Dashboard.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Admin;

/// <summary>Unencrypted keys are reported as loudly as they matter: not at all without an admin account, as
/// Information in Development, as a Warning elsewhere.</summary>
public sealed class KeyRingStartupReportTests
{
    [Theory]
    [InlineData(false, "Production", null)]
    [InlineData(false, "Development", null)]
    [InlineData(true, "Development", LogLevel.Information)]
    [InlineData(true, "Production", LogLevel.Warning)]
    [InlineData(true, "Staging", LogLevel.Warning)]
    public void Reports_unencrypted_keys_only_when_an_admin_account_could_be_forged(bool admin, string environment, LogLevel? expected)
    {
        var logs = new FakeLogCollector();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)))
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment, ContentRootPath = AppContext.BaseDirectory })
            .AddSingleton(Options.Create(admin ? new AdminOptions { UserName = "admin", PasswordHash = "x" } : new AdminOptions()))
            .AddSingleton(Options.Create(new KeyRingProtectionOptions { AllowUnencryptedKeys = true }))
            .AddSingleton<KeyRingCertificates>()
            .BuildServiceProvider();

        services.ReportUnencryptedKeyRing();

        var records = logs.GetSnapshot();
        if (expected is null)
        {
            Assert.Empty(records);
        }
        else
        {
            Assert.Equal(expected, Assert.Single(records).Level);
        }
    }
}
