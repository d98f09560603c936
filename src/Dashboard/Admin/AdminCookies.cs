namespace Dashboard.Admin;

/// <summary>How the admin cookie and the antiforgery cookie are sent. Outside Development: always <c>Secure</c>, and
/// named <c>__Host-…</c>, which browsers accept only from HTTPS, with <c>Path=/</c> and no <c>Domain</c>, so no
/// sibling subdomain or plain-HTTP page can set or shadow them. TLS may end at the proxy: the cookie is Secure anyway.
/// In Development (plain <c>http://localhost</c> from <c>dotnet run</c>) they keep the request's scheme and a plain
/// name, because a browser drops a Secure or <c>__Host-</c> cookie that arrives over HTTP.</summary>
public static class AdminCookies
{
    public const string AuthenticationName = "Dashboard.Admin";

    public const string AntiforgeryName = "Dashboard.Antiforgery";

    public const string HostPrefix = "__Host-";

    public static void Apply(CookieBuilder cookie, string name, IHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        cookie.Name = development ? "." + name : HostPrefix + name;
        cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
    }
}
