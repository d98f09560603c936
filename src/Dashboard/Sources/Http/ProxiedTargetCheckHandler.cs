namespace Dashboard.Sources.Http;

/// <summary>When sources go through a proxy (<c>Dashboard:Http:Proxy</c>), the connect guard only sees the proxy, and
/// the proxy resolves the target's name. This handler checks each request's target host as written (address literals,
/// <c>localhost</c>, cloud-metadata names) before it is sent; requests that bypass the proxy (this app itself) are
/// checked at connect time as usual.</summary>
public sealed class ProxiedTargetCheckHandler(TargetAddressPolicy policy, SourcesProxy? proxy) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (proxy is not null && request.RequestUri is { } target && !proxy.IsBypassed(target))
        {
            try
            {
                policy.CheckProxiedTarget(target);
            }
            catch (TargetBlockedException blocked)
            {
                // Shaped like a refused connection, so the source reports it as it does one from the connect guard.
                return Task.FromException<HttpResponseMessage>(new HttpRequestException(blocked.Message, blocked));
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
