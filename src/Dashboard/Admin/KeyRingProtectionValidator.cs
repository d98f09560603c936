using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>Checks <see cref="KeyRingProtectionOptions"/> at start-up: every configured certificate opens, with an RSA
/// private key; and Production with an admin account does not keep the keys unencrypted unless explicitly allowed
/// (whoever reads them, e.g. from a backup, can forge admin cookies).</summary>
public sealed class KeyRingProtectionValidator(IHostEnvironment environment, IOptions<AdminOptions> admin) : IValidateOptions<KeyRingProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var certificates = new List<(KeyRingCertificateOptions Options, string Key)>();
        if (options.IsSet)
        {
            certificates.Add((options, KeyRingProtectionOptions.Section));
        }
        else if (environment.IsProduction() && admin.Value.IsConfigured && !options.AllowUnencryptedKeys)
        {
            failures.Add($"{KeyRingProtectionOptions.Section}:CertificatePath: not set, so the keys that sign admin cookies would be stored unencrypted in the database. "
                + "Set Dashboard__DataProtection__CertificatePath (and Dashboard__DataProtection__CertificatePassword) to a .pfx with an RSA private key, "
                + "or Dashboard__DataProtection__AllowUnencryptedKeys=true to accept that risk (docs/ops.md#data-protection-key-ring); "
                + $"only trying it on your own machine? {AdminSetupGuide.LocalRun} runs in Development, which needs neither");
        }

        for (var i = 0; i < options.PreviousCertificates.Count; i++)
        {
            var key = $"{KeyRingProtectionOptions.Section}:PreviousCertificates:{i}";
            if (options.PreviousCertificates[i].IsSet)
            {
                certificates.Add((options.PreviousCertificates[i], key));
            }
            else
            {
                failures.Add($"{key}: set CertificatePath or CertificateBase64");
            }
        }

        foreach (var (certificate, key) in certificates)
        {
            using var loaded = KeyRingCertificateLoader.TryLoad(certificate, key, environment.ContentRootPath, out var error);
            if (error is not null)
            {
                failures.Add(error);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
