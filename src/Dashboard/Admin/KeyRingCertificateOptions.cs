namespace Dashboard.Admin;

/// <summary>One certificate (a PKCS#12 / .pfx file with its RSA private key) for the Data Protection key ring: a file
/// or the file's bytes in base64 (for secret stores that hold text), with its password.</summary>
public class KeyRingCertificateOptions
{
    /// <summary>Path of the .pfx file; a relative path is relative to the content root.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx file itself, base64-encoded (instead of <see cref="CertificatePath"/>).</summary>
    public string? CertificateBase64 { get; set; }

    /// <summary>The .pfx password; empty for none. Best set from the environment or a secret store.</summary>
    public string? CertificatePassword { get; set; }

    public bool IsSet => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CertificateBase64);
}
