namespace Dashboard.Sources.Http;

/// <summary>Settings shared by all HTTP sources (bound from <c>Dashboard:Http</c>).</summary>
public sealed class HttpSourceLimitsOptions
{
    public const string Section = "Dashboard:Http";

    /// <summary>Largest upstream body read; enforced while streaming, so a huge body is cut off early.</summary>
    public long MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Characters of the raw body (secrets redacted) shown on the admin's source test page.</summary>
    public int RawPreviewChars { get; set; } = 1000;

    /// <summary>Rows kept when an HTTP source is shaped as a table (at most <c>Dashboard:Shaping:MaxRows</c>); further
    /// rows are dropped and the table marked truncated.</summary>
    public int MaxTableRows { get; set; } = 100;

    /// <summary>An http(s) proxy for every HTTP source, e.g. <c>http://proxy.internal:3128</c>; empty for none. The
    /// environment's <c>HTTP_PROXY</c> / <c>HTTPS_PROXY</c> are ignored. With a proxy, the SSRF guard checks the proxy's
    /// address and each target's host as written, not the addresses the proxy resolves it to.</summary>
    public string? Proxy { get; set; }

    /// <summary><see cref="Proxy"/> as a URL, or null when none is set.</summary>
    public Uri? ProxyUri => string.IsNullOrWhiteSpace(Proxy) ? null : new Uri(Proxy.Trim(), UriKind.Absolute);

    /// <summary>Start-up validation: why these settings cannot be used, or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxResponseBytes <= 0)
        {
            yield return "Dashboard:Http:MaxResponseBytes must be greater than 0";
        }

        if (RawPreviewChars is < 0 or > 16_384)
        {
            yield return "Dashboard:Http:RawPreviewChars must be between 0 and 16384";
        }

        if (MaxTableRows < 1)
        {
            yield return "Dashboard:Http:MaxTableRows must be at least 1";
        }

        if (!string.IsNullOrWhiteSpace(Proxy)
            && (!Uri.TryCreate(Proxy.Trim(), UriKind.Absolute, out var proxy) || (proxy.Scheme != Uri.UriSchemeHttp && proxy.Scheme != Uri.UriSchemeHttps) || proxy.AbsolutePath != "/"))
        {
            yield return "Dashboard:Http:Proxy must be an http(s) URL such as http://proxy.internal:3128";
        }
    }
}
