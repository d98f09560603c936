namespace Dashboard.Sources;

/// <summary>HTTP source URLs are absolute http(s) URLs, or paths starting with '/' served by this app
/// itself (the offline demo's simulated APIs), resolved against the app's own loopback address.</summary>
public static class SourceUrls
{
    public static bool IsRelativeToSelf(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal);

    /// <summary>Where a URL sends what it carries: <c>scheme://host:port</c> (lower case, port always given), "this app"
    /// for a path on this app, or null when it is not a valid source URL.</summary>
    public static string? Origin(string? url)
    {
        if (!IsValid(url))
        {
            return null;
        }

        if (IsRelativeToSelf(url!))
        {
            return "this app";
        }

        var uri = new Uri(url!, UriKind.Absolute);
        return $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}".ToLowerInvariant();
    }

    /// <summary>True when both URLs are valid and send to the same origin (scheme, host and port).</summary>
    public static bool SameOrigin(string? a, string? b) => Origin(a) is { } origin && origin == Origin(b);

    public static bool IsValid(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        if (IsRelativeToSelf(url))
        {
            return Uri.TryCreate(url, UriKind.Relative, out _);
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host);
    }
}
