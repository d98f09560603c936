using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>The key ring's certificates, loaded once from validated <see cref="KeyRingProtectionOptions"/>:
/// <see cref="Current"/> encrypts new keys; all of them decrypt stored ones.</summary>
public sealed class KeyRingCertificates : IDisposable
{
    public KeyRingCertificates(IOptions<KeyRingProtectionOptions> options, IHostEnvironment environment)
    {
        var settings = options.Value;
        var all = new List<X509Certificate2>();
        if (settings.IsSet)
        {
            Current = Load(settings, KeyRingProtectionOptions.Section, environment);
            all.Add(Current);
        }

        all.AddRange(settings.PreviousCertificates.Select((previous, i) => Load(previous, $"{KeyRingProtectionOptions.Section}:PreviousCertificates:{i}", environment)));
        All = all;
        DecryptionSetup = UnprotectRegistration([.. all]).ImplementationInstance!;
    }

    /// <summary>Null when keys are stored unencrypted.</summary>
    public X509Certificate2? Current { get; }

    public IReadOnlyList<X509Certificate2> All { get; }

    /// <summary>The service type under which <see cref="DecryptionSetup"/> is registered.</summary>
    public static Type DecryptionSetupType { get; } = UnprotectRegistration([]).ServiceType;

    /// <summary>The framework's own options setup that lets its certificate decryptor use <see cref="All"/>.</summary>
    public object DecryptionSetup { get; }

    public void Dispose()
    {
        foreach (var certificate in All)
        {
            certificate.Dispose();
        }
    }

    // The options the framework's decryptor reads certificates from are internal; their only public door,
    // UnprotectKeysWithAnyCertificate, wants the certificates while services are registered, before the host's (and a
    // test host's) configuration is final. So its registration is taken from a scratch builder, once for its type and
    // once, lazily, with the loaded certificates.
    private static ServiceDescriptor UnprotectRegistration(X509Certificate2[] certificates)
    {
        var scratch = new ServiceCollection();
        var builder = scratch.AddDataProtection();
        var before = scratch.Count;
        builder.UnprotectKeysWithAnyCertificate(certificates);
        return scratch.Skip(before).SingleOrDefault(d => d.ImplementationInstance is not null)
            ?? throw new InvalidOperationException("UnprotectKeysWithAnyCertificate no longer registers one options setup; revisit KeyRingCertificates.");
    }

    // Validation has opened each one already, so a failure here is a file changed in between.
    private static X509Certificate2 Load(KeyRingCertificateOptions options, string key, IHostEnvironment environment) =>
        KeyRingCertificateLoader.TryLoad(options, key, environment.ContentRootPath, out var error)
            ?? throw new OptionsValidationException(KeyRingProtectionOptions.Section, typeof(KeyRingProtectionOptions), [error!]);
}
