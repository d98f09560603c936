namespace Dashboard.Hosting;

/// <summary>Which reverse proxies may tell the app the client's address and scheme (bound from
/// <c>Dashboard:ForwardedHeaders</c>). With none, <c>X-Forwarded-For</c> / <c>-Proto</c> are ignored from everyone,
/// loopback included (the framework's own default would trust loopback).</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "Dashboard:ForwardedHeaders";

    /// <summary>Addresses of the proxies in front of the app, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies (entries, read from the right) are honoured; one per proxy hop.</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool IsEnabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
