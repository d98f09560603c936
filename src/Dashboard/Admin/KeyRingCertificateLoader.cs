using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Admin;

/// <summary>Loads a key ring certificate, or says, naming the configuration key, why it cannot be used.</summary>
public static class KeyRingCertificateLoader
{
    /// <summary>Loads a certificate with its private key. Reads the file synchronously: this runs once, at start-up.</summary>
    /// <param name="key">The configuration path of <paramref name="options"/>, for messages.</param>
    /// <returns>The certificate, or null with <paramref name="error"/> set.</returns>
    public static X509Certificate2? TryLoad(KeyRingCertificateOptions options, string key, string contentRootPath, out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hasPath = !string.IsNullOrWhiteSpace(options.CertificatePath);
        if (hasPath && !string.IsNullOrWhiteSpace(options.CertificateBase64))
        {
            error = $"{key}:CertificatePath and {key}:CertificateBase64 are both set; set one";
            return null;
        }

        var source = hasPath ? $"{key}:CertificatePath" : $"{key}:CertificateBase64";
        byte[] bytes;
        try
        {
            bytes = hasPath
                ? File.ReadAllBytes(Path.GetFullPath(options.CertificatePath!, contentRootPath))
                : Convert.FromBase64String(options.CertificateBase64 ?? "");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"{source}: cannot read '{options.CertificatePath}': {ex.Message}";
            return null;
        }
        catch (FormatException)
        {
            error = $"{source}: is not base64";
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            // Ephemeral: the private key stays in memory, nothing is written to a key store (macOS has no such mode).
            var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
            certificate = X509CertificateLoader.LoadPkcs12(bytes, options.CertificatePassword, flags);
        }
        catch (CryptographicException)
        {
            error = $"{source}: cannot open the certificate: wrong {key}:CertificatePassword, or not a PKCS#12 (.pfx) file";
            return null;
        }

        // XML encryption of the keys uses RSA, and reading them back needs the private key.
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            error = certificate.HasPrivateKey
                ? $"{source}: the certificate's key is not RSA; key ring encryption needs an RSA certificate"
                : $"{source}: the certificate has no private key; export it as .pfx together with its private key";
            certificate.Dispose();
            return null;
        }

        error = null;
        return certificate;
    }
}
