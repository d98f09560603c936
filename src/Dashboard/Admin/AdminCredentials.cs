using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>Checks a user name and password against the configured admin, with the framework's password hasher,
/// and stamps the signed-in principal so a later credential change ends the session. Always reads the current
/// options: the credentials reload without a restart.</summary>
public sealed class AdminCredentials(IOptionsMonitor<AdminOptions> options)
{
    private static readonly PasswordHasher<AdminUser> Hasher = new();

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public bool Verify(string? userName, string? password) => Verify(options.CurrentValue, userName, password);

    /// <summary>The signed-in principal when the user name and password match, else null. The stamp comes from the
    /// same snapshot of the options that the password was checked against.</summary>
    public ClaimsPrincipal? SignIn(string? userName, string? password, DateTimeOffset now)
    {
        var admin = options.CurrentValue;
        if (!Verify(admin, userName, password))
        {
            return null;
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, admin.UserName!),
            new Claim(AdminAuthentication.RoleClaim, "true"),
            new Claim(AdminAuthentication.StampClaim, SecurityStamp(admin)),
            new Claim(AdminAuthentication.SignedInAtClaim, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
        ], AdminAuthentication.Scheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The current admin's stamp, or null when no admin is configured.</summary>
    public string? CurrentSecurityStamp() => options.CurrentValue is { IsConfigured: true } admin ? SecurityStamp(admin) : null;

    /// <summary>A truncated SHA-256 of the user name and the stored hash: changes with either, and reveals neither
    /// (the stored hash is itself a salted PBKDF2 output, and the cookie carrying this is encrypted too).</summary>
    public static string SecurityStamp(AdminOptions admin)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"dashboard-admin-stamp-v1\n{admin.UserName}\n{admin.PasswordHash}"));
        return Convert.ToBase64String(digest, 0, 16);
    }

    public static string Hash(string userName, string password) => Hasher.HashPassword(new AdminUser(userName), password);

    private static bool Verify(AdminOptions admin, string? userName, string? password)
    {
        if (!admin.IsConfigured || string.IsNullOrEmpty(password))
        {
            return false;
        }

        var user = new AdminUser(admin.UserName!);
        bool hashMatches;
        try
        {
            // Verified even for a wrong user name, so the answer takes as long either way.
            hashMatches = Hasher.VerifyHashedPassword(user, admin.PasswordHash!, password) != PasswordVerificationResult.Failed;
        }
        catch (FormatException)
        {
            return false;
        }

        return hashMatches && string.Equals(userName?.Trim(), admin.UserName, StringComparison.Ordinal);
    }
}
