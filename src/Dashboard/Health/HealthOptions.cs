using System.Security.Claims;

namespace Dashboard.Health;

/// <summary>Health endpoints (bound from <c>Dashboard:Health</c>).</summary>
public sealed class HealthOptions
{
    public const string Section = "Dashboard:Health";

    /// <summary>Who sees failure reasons in /health: <c>always</c>, <c>authenticated</c> (signed-in users;
    /// the default) or <c>never</c>. Names, states and times are always public.</summary>
    public string ShowErrorDetails { get; set; } = ErrorDetailModes.Authenticated;

    /// <summary>Bound on the storage round trip of /readyz and /health.</summary>
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public bool ShowsErrorsTo(ClaimsPrincipal? user) => ErrorDetailModes.Normalize(ShowErrorDetails) switch
    {
        ErrorDetailModes.Always => true,
        ErrorDetailModes.Never => false,
        _ => user?.Identity?.IsAuthenticated == true,
    };
}
