namespace Dashboard.Compression;

/// <summary>Which responses may be compressed (BREACH). Compression leaks, through the size of the body, whether
/// attacker-chosen text (a query string or form value reflected in the page) matches a secret elsewhere in the same
/// body. The only per-user secrets the app puts in HTML are the antiforgery tokens of the admin area's forms
/// (sign-in, sign-out, every editor) and a signed-in viewer's failure details. So: nothing under <c>/admin</c> and
/// nothing for a signed-in viewer is compressed; anonymous pages (dashboards, panels, status pages) carry no secret,
/// only what any anonymous visitor can fetch, and are compressed. Static assets are pre-compressed at publish
/// (<c>MapStaticAssets</c>) and hold no secret either.</summary>
public static class CompressionRule
{
    public const string AdminPath = "/admin";

    /// <summary>True when the response may carry a secret and so must go out uncompressed.</summary>
    public static bool MayCarrySecrets(PathString path, bool signedIn) =>
        signedIn || path.StartsWithSegments(AdminPath, StringComparison.OrdinalIgnoreCase);
}
