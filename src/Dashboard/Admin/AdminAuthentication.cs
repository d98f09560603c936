namespace Dashboard.Admin;

/// <summary>Names of the admin area's authentication scheme, policy, claims, cookies and rate limiting.</summary>
public static class AdminAuthentication
{
    public const string Scheme = "DashboardAdmin";

    public const string Policy = "DashboardAdmin";

    public const string RoleClaim = "dashboard-admin";

    /// <summary>A digest of the admin's user name and password hash at sign-in (<see cref="AdminCredentials.SecurityStamp"/>).</summary>
    public const string StampClaim = "dashboard-admin-stamp";

    /// <summary>The server-side session's id (<see cref="AdminSessions"/>): sign-out revokes it for every copy of the cookie.</summary>
    public const string SessionClaim = "dashboard-admin-session";

    /// <summary>When the session began (Unix seconds); sliding renewals keep it, so the absolute lifetime holds.</summary>
    public const string SignedInAtClaim = "dashboard-admin-signed-in-at";

    public const string SignInPath = "/admin/sign-in";

    /// <summary>The rate-limiting policy on the sign-in page's endpoint (posts only, per client address).</summary>
    public const string SignInRateLimitPolicy = "admin-sign-in";

    /// <summary>Sign-in posts are a few hundred bytes; anything near this is not a sign-in.</summary>
    public const long SignInMaxRequestBytes = 16 * 1024;

    public const string TooManyAttemptsMessage = "Too many sign-in attempts from your address. Wait a minute, then try again.";

    public const string TooManyAttemptsForUserMessage = "Too many sign-in attempts for this user name. Wait a minute, then try again.";
}
