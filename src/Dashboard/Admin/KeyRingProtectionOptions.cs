namespace Dashboard.Admin;

/// <summary>How the Data Protection key ring (signing admin cookies and form tokens) is protected at rest in the
/// database (bound from <c>Dashboard:DataProtection</c>). New keys are encrypted to the certificate; keys encrypted to
/// it or to one of <see cref="PreviousCertificates"/> can be read, so a certificate can be rotated without signing
/// everyone out.</summary>
public sealed class KeyRingProtectionOptions : KeyRingCertificateOptions
{
    public const string Section = "Dashboard:DataProtection";

    /// <summary>Certificates only used to read keys they encrypted (the ones replaced by rotation).</summary>
    public List<KeyRingCertificateOptions> PreviousCertificates { get; set; } = [];

    /// <summary>Production with an admin account refuses to start without a certificate unless this is true.</summary>
    public bool AllowUnencryptedKeys { get; set; }
}
