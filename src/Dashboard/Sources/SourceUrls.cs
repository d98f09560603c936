namespace Dashboard.Sources;

/// <summary>HTTP source URLs are absolute http(s) URLs, or paths starting with '/' served by this app
/// itself (the offline demo's simulated APIs), resolved against the app's own loopback address.</summary>
public static class SourceUrls
{
    public static bool IsRelativeToSelf(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal);

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
