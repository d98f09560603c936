using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Dashboard.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>Checks the admin cookie on every request against the current credentials, the absolute session lifetime and
/// the server-side session (<see cref="AdminSessions"/>: ended by sign-out on any instance); a cookie that fails is
/// rejected and deleted, so the request continues signed out.</summary>
public sealed partial class AdminCookieEvents(
    AdminCredentials credentials,
    AdminSessions sessions,
    IOptionsMonitor<AdminOptions> options,
    TimeProvider time,
    ILogger<AdminCookieEvents> logger)
    : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var reason = RejectionReason(context.Principal);
        if (reason is null)
        {
            switch (await sessions.CheckAsync(context.Principal!, context.HttpContext.RequestAborted))
            {
                case AdminSessions.State.Open:
                    return;
                case AdminSessions.State.Ended:
                    reason = "signed out, or the session is unknown";
                    break;
                default:
                    // Kept, not deleted: the session may well be open. The admin area says storage is unavailable (503);
                    // elsewhere the request goes on signed out.
                    context.RejectPrincipal();
                    if (context.HttpContext.Request.Path.StartsWithSegments("/admin"))
                    {
                        throw new StorageUnavailableException("the admin session could not be checked");
                    }

                    return;
            }
        }

        LogSessionEnded(logger, reason);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(AdminAuthentication.Scheme);
    }

    /// <summary>Why this principal may no longer act as admin, or null when it still may.</summary>
    public string? RejectionReason(ClaimsPrincipal? principal)
    {
        // The stamp covers the user name and the password hash: a changed password, a renamed or a removed admin all fail here.
        var current = credentials.CurrentSecurityStamp();
        var stamp = principal?.FindFirst(AdminAuthentication.StampClaim)?.Value;
        if (current is null || stamp is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stamp), Encoding.UTF8.GetBytes(current)))
        {
            return "the admin account changed since sign-in";
        }

        if (!long.TryParse(principal!.FindFirst(AdminAuthentication.SignedInAtClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var signedInAt))
        {
            return "the cookie has no sign-in time";
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(signedInAt);
        return age >= options.CurrentValue.SessionAbsoluteLifetime ? "the session reached its absolute lifetime" : null;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Admin session ended: {Reason}")]
    private static partial void LogSessionEnded(ILogger logger, string reason);
}
