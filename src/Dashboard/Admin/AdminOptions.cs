namespace Dashboard.Admin;

/// <summary>The admin area (bound from <c>Dashboard:Admin</c>).</summary>
public sealed class AdminOptions
{
    public const string Section = "Dashboard:Admin";

    /// <summary>The admin's user name; with <see cref="PasswordHash"/> empty the admin area stays closed.</summary>
    public string? UserName { get; set; }

    /// <summary>A hash from <c>dotnet run --project src/Dashboard -- hash-password</c> (ASP.NET Core's PasswordHasher), never a plain password.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Hosts a source URL may name although they are link-local or cloud-metadata addresses.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How often each instance checks the stored configuration version.</summary>
    public TimeSpan ConfigPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sign-in attempts allowed per client address per <see cref="SignInWindow"/>.</summary>
    public int SignInPermitLimit { get; set; } = 5;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(UserName) && !string.IsNullOrWhiteSpace(PasswordHash);
}
