namespace Dashboard.Admin;

/// <summary>The admin area (bound from <c>Dashboard:Admin</c>).</summary>
public sealed class AdminOptions
{
    public const string Section = "Dashboard:Admin";

    /// <summary>The admin's user name; with <see cref="PasswordHash"/> empty the admin area stays closed.</summary>
    public string? UserName { get; set; }

    /// <summary>A hash from <c>dotnet run --project src/Dashboard -- hash-password</c> (ASP.NET Core's PasswordHasher), never a plain password.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Hosts (names or addresses) a source may reach although they are loopback / private / link-local; never
    /// cloud-metadata ones.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Lets sources reach loopback, private (RFC 1918), CGNAT, link-local and unique-local addresses.
    /// Defaults to on in the Development environment only; cloud-metadata addresses stay refused either way, and this
    /// app's own address (the demo's relative URLs) is always reachable.</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How often each instance checks the stored configuration version.</summary>
    public TimeSpan ConfigPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sign-in attempts allowed per client address (an IPv6 client: its /64) per <see cref="SignInWindow"/>.</summary>
    public int SignInPermitLimit { get; set; } = 5;

    /// <summary>Sign-in attempts allowed per user name, from all addresses together, per <see cref="SignInWindow"/>.</summary>
    public int SignInUserPermitLimit { get; set; } = 10;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A session ends this long after sign-in, however active it is (the cookie's 8 h expiry slides).</summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(UserName) && !string.IsNullOrWhiteSpace(PasswordHash);
}
