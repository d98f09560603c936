using System.Net;
using Dashboard.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Sources.Http;

/// <summary>The proxy set in <c>Dashboard:Http:Proxy</c>, used instead of the environment's (<c>HTTP_PROXY</c> is
/// ignored: it would silently route around the connect guard). This app's own address is never proxied.</summary>
public sealed class SourcesProxy(Uri address, SelfAddress self) : IWebProxy
{
    public ICredentials? Credentials { get; set; }

    public Uri Address => address;

    public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : address;

    public bool IsBypassed(Uri host) => self.IsSelf(host.IdnHost, host.Port);

    /// <summary>The configured proxy (credentials from its <c>user:password@</c>, if any), or null for none.</summary>
    public static SourcesProxy? From(IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<HttpSourceLimitsOptions>>().Value.ProxyUri is not { } uri)
        {
            return null;
        }

        var proxy = new SourcesProxy(new UriBuilder(uri) { UserName = "", Password = "" }.Uri, services.GetRequiredService<SelfAddress>());
        if (uri.UserInfo.Split(':', 2) is [{ Length: > 0 } user, var password])
        {
            proxy.Credentials = new NetworkCredential(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
        }

        return proxy;
    }
}
