using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>Checks a user name and password against the configured admin, with the framework's password hasher.</summary>
public sealed class AdminCredentials(IOptionsMonitor<AdminOptions> options)
{
    private static readonly PasswordHasher<AdminUser> Hasher = new();

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public bool Verify(string? userName, string? password)
    {
        var admin = options.CurrentValue;
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

    public static string Hash(string userName, string password) => Hasher.HashPassword(new AdminUser(userName), password);
}
