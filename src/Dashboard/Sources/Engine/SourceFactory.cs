using Dashboard.Hosting;
using Dashboard.Sources.Http;
using Dashboard.Sources.Sql;
using Microsoft.Extensions.Options;

namespace Dashboard.Sources.Engine;

/// <summary>The one place that maps a source's kind to its implementation.</summary>
public sealed class SourceFactory(
    IHttpClientFactory httpClients,
    ISecretResolver secrets,
    IOptions<HttpSourceLimitsOptions> httpLimits,
    IOptions<ShapingLimitsOptions> shaping,
    ISqlConnectionFactory sqlConnections,
    SelfAddress self) : ISourceFactory
{
    public ISource Create(SourceOptions options) => options.Kind switch
    {
        SourceKinds.Http => new HttpJsonSource(
            WithAbsoluteUrl(options),
            httpClients.CreateClient(DashboardServiceCollectionExtensions.SourcesHttpClient),
            secrets,
            httpLimits.Value,
            shaping.Value),
        SourceKinds.Sql => new SqlSource(options, sqlConnections, shaping.Value),
        _ => throw SourceFailureException.Misconfigured($"unknown source kind '{options.Kind}'"),
    };

    // Demo sources name paths on this app; the source itself only deals in absolute URLs.
    private SourceOptions WithAbsoluteUrl(SourceOptions options)
    {
        if (options.Http is not { } http || !SourceUrls.IsRelativeToSelf(http.Url))
        {
            return options;
        }

        return new SourceOptions
        {
            Name = options.Name,
            Kind = options.Kind,
            Description = options.Description,
            Shape = options.Shape,
            Http = new HttpSourceOptions
            {
                Url = self.Resolve(http.Url).ToString(),
                Method = http.Method,
                Headers = http.Headers,
                Query = http.Query,
                Body = http.Body,
                Path = http.Path,
            },
            RenderDeadline = options.RenderDeadline,
            FetchTimeout = options.FetchTimeout,
            MaxAge = options.MaxAge,
            Retry = options.Retry,
            CircuitBreaker = options.CircuitBreaker,
            Backoff = options.Backoff,
        };
    }
}
