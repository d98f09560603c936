using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Tests.Admin;

/// <summary>Self-signed certificates written as .pfx files in a temporary folder, for key ring protection tests.</summary>
internal sealed class KeyRingCertificateFiles : IDisposable
{
    public const string Password = "pfx-pass-123";

    public string Folder { get; } = Directory.CreateTempSubdirectory("dashboard-certs-").FullName;

    /// <summary>A new RSA certificate with its private key, protected by <see cref="Password"/>.</summary>
    public string NewPfx(string name = "keyring")
    {
        using var certificate = Create(name);
        return Write(name, certificate.Export(X509ContentType.Pfx, Password));
    }

    /// <summary>A .pfx holding only the certificate, without its private key.</summary>
    public string NewPfxWithoutPrivateKey(string name = "public-only")
    {
        using var certificate = Create(name);
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
        return Write(name, publicOnly.Export(X509ContentType.Pfx, Password));
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>The path as JSON string content.</summary>
    public static string Json(string path) => path.Replace("\\", "/", StringComparison.Ordinal);

    private static X509Certificate2 Create(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=dashboard-test-{name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
    }

    private string Write(string name, byte[] pfx)
    {
        var path = Path.Combine(Folder, $"{name}-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, pfx);
        return path;
    }
}
