namespace Dashboard.Admin;

/// <summary>Names of the admin area's authentication scheme, policy, claim and rate-limiting.</summary>
public static class AdminAuthentication
{
    public const string Scheme = "DashboardAdmin";

    public const string Policy = "DashboardAdmin";

    public const string RoleClaim = "dashboard-admin";

    public const string SignInPath = "/admin/sign-in";

    public const string TooManyAttemptsMessage = "Too many sign-in attempts from your address. Wait a minute, then try again.";
}
