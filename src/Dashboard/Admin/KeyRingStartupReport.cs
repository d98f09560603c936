using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>Says at start-up that the key ring is stored unencrypted, as loudly as it matters: not at all without an
/// admin account (the keys then only sign anonymous form tokens), Information in Development (a local trial), and a
/// Warning elsewhere (Production gets here only with AllowUnencryptedKeys=true).</summary>
public static partial class KeyRingStartupReport
{
    public static void ReportUnencryptedKeyRing(this IServiceProvider services)
    {
        if (services.GetRequiredService<KeyRingCertificates>().Current is not null || !services.GetRequiredService<IOptions<AdminOptions>>().Value.IsConfigured)
        {
            return;
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyRingProtectionOptions));
        if (services.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            LogUnencryptedForTrial(logger, KeyRingProtectionOptions.Section);
        }
        else
        {
            LogUnencrypted(logger, KeyRingProtectionOptions.Section);
        }
    }

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning,
        Message = "The Data Protection keys (admin cookies, form tokens) are stored unencrypted in the database: whoever can read it can forge an admin sign-in. Set {Section}:CertificatePath (docs/ops.md).")]
    private static partial void LogUnencrypted(ILogger logger, string section);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information,
        Message = "The Data Protection keys are stored unencrypted in the database: fine for a local trial in Development; Production refuses an admin account without {Section}:CertificatePath or AllowUnencryptedKeys.")]
    private static partial void LogUnencryptedForTrial(ILogger logger, string section);
}
