namespace Dashboard.Admin;

/// <summary>How the admin cookie and the antiforgery cookie are sent. Outside Development both are named
/// <c>__Host-…</c>: browsers accept such a cookie only with <c>Secure</c>, from HTTPS, with <c>Path=/</c> and no
/// <c>Domain</c>, so no plain-HTTP page and no sibling subdomain can set or shadow them; TLS may end at Kestrel or at a
/// known proxy. In Development (plain <c>http://localhost</c>) they follow the request's scheme and keep a plain name,
/// because a browser drops a Secure or <c>__Host-</c> cookie that arrives over HTTP.</summary>
public static class AdminCookies
{
    public const string AuthenticationName = "Dashboard.Admin";

    public const string AntiforgeryName = "Dashboard.Antiforgery";

    public const string HostPrefix = "__Host-";

    /// <summary>Whether the cookies are Secure, so the admin area works over HTTPS only (as the app sees the request:
    /// Kestrel's TLS, or X-Forwarded-Proto from a known proxy).</summary>
    public static bool NeedHttps(IHostEnvironment environment) => !environment.IsDevelopment();

    /// <summary>The admin cookie: always Secure outside Development.</summary>
    public static void ApplyToAuthentication(CookieBuilder cookie, IHostEnvironment environment) =>
        Apply(cookie, AuthenticationName, environment, CookieSecurePolicy.Always);

    /// <summary>The antiforgery cookie: Secure on every HTTPS response; not <c>Always</c>, since with that the framework
    /// throws on any plain-HTTP page that issues a token, and Blazor issues one on every streaming page, public
    /// dashboards included. Over HTTP the <c>__Host-</c> name alone makes browsers refuse it.</summary>
    public static void ApplyToAntiforgery(CookieBuilder cookie, IHostEnvironment environment) =>
        Apply(cookie, AntiforgeryName, environment, CookieSecurePolicy.SameAsRequest);

    private static void Apply(CookieBuilder cookie, string name, IHostEnvironment environment, CookieSecurePolicy outsideDevelopment)
    {
        var secure = NeedHttps(environment);
        cookie.Name = secure ? HostPrefix + name : "." + name;
        cookie.SecurePolicy = secure ? outsideDevelopment : CookieSecurePolicy.SameAsRequest;
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
    }
}
