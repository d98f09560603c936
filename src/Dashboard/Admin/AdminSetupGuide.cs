namespace Dashboard.Admin;

/// <summary>One step of opening the admin area: what to do, and the commands for it (null when there are none).</summary>
public sealed record AdminSetupStep(string Text, string? Commands = null);

/// <summary>The complete steps that open a closed admin area in the environment the app runs in: the password hash and
/// the two variables everywhere; outside Development also HTTPS (the cookies are Secure), and in Production the key
/// ring's protection when none is configured (start-up refuses an admin account without it). Shown on the sign-in page;
/// the README and <c>hash-password</c> give the same commands.</summary>
public static class AdminSetupGuide
{
    public const string LocalRun = "dotnet run --project src/Dashboard";

    public static IReadOnlyList<AdminSetupStep> For(IHostEnvironment environment, KeyRingProtectionOptions keyRing, bool requestIsHttps)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(keyRing);
        var development = environment.IsDevelopment();
        List<AdminSetupStep> steps =
        [
            new("Produce a password hash (it asks for the password twice and prints the hash with the lines below):",
                development ? $"{LocalRun} -- hash-password admin" : $"dotnet Dashboard.dll hash-password admin   # in the published folder; from a checkout: {LocalRun} -- hash-password admin"),
            new("Set the user name and the printed hash where the app is started (or under Dashboard:Admin in appsettings.json):",
                "export Dashboard__Admin__UserName=admin\nexport Dashboard__Admin__PasswordHash='<the printed hash>'"),
        ];

        if (environment.IsProduction() && !keyRing.IsSet && !keyRing.AllowUnencryptedKeys)
        {
            steps.Add(new(
                "Encrypt the sign-in keys at rest with a certificate (Production refuses to start with an admin account otherwise; docs/ops.md shows how to make one), "
                + "or accept unencrypted keys with Dashboard__DataProtection__AllowUnencryptedKeys=true instead:",
                "export Dashboard__DataProtection__CertificatePath=/path/to/keyring.pfx\nexport Dashboard__DataProtection__CertificatePassword='<its password>'"));
        }

        if (AdminCookies.NeedHttps(environment))
        {
            steps.Add(new(
                $"Serve the admin area over HTTPS: outside Development its cookies are Secure{(requestIsHttps ? "" : ", and this page came over plain HTTP")}. "
                + "Use Kestrel's HTTPS endpoint, or a TLS proxy listed in Dashboard:ForwardedHeaders:KnownProxies that sends X-Forwarded-Proto (docs/ops.md)."));
        }

        steps.Add(new("Start the app again and sign in on this page.", development ? LocalRun : null));
        return steps;
    }
}
