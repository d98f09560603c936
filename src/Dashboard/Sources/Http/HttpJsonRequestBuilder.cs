using System.Text;
using System.Text.Json;
using Dashboard.Sources.Ranges;
using Dashboard.TimeRanges;

namespace Dashboard.Sources.Http;

/// <summary>Builds the request of an <see cref="HttpJsonSource"/>: validated once, then a fresh message per fetch
/// with secrets resolved at that moment (so a rotated secret is picked up and a missing one fails the fetch, not start-up)
/// and the time window's placeholders (<see cref="TimeRangePlaceholders"/>) replaced, each escaped for its place: URL-encoded
/// in the URL and query values, JSON-escaped in the body, as is in header values. Placeholders are replaced before secrets
/// are resolved, so a secret's value is never read as one.</summary>
internal sealed class HttpJsonRequestBuilder
{
    private readonly HttpSourceOptions http;
    private readonly ISecretResolver secrets;
    private readonly HttpMethod method;
    private readonly string baseUrl;

    /// <exception cref="ArgumentException">A method other than GET/POST, or not an absolute http(s) URL.</exception>
    public HttpJsonRequestBuilder(string sourceName, HttpSourceOptions http, ISecretResolver secrets)
    {
        this.http = http;
        this.secrets = secrets;
        method = (http.Method ?? "").Trim().ToUpperInvariant() switch
        {
            "GET" => HttpMethod.Get,
            "POST" => HttpMethod.Post,
            _ => throw new ArgumentException($"source '{sourceName}': Method must be GET or POST", nameof(http)),
        };

        // The URL itself is not echoed: it is configuration, but keeping it out of messages is the simpler rule.
        if (!Uri.TryCreate(http.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"source '{sourceName}': Url must be an absolute http or https URL", nameof(http));
        }

        // A fragment is never sent; dropping it lets query parameters be appended safely.
        baseUrl = http.Url.Split('#', 2)[0];
    }

    /// <summary>A new request; resolved secret values are recorded in <paramref name="redactor"/>.</summary>
    /// <exception cref="SourceFailureException">A secret is not set, or a header cannot be sent.</exception>
    public HttpRequestMessage Build(SecretRedactor redactor, TimeWindow window)
    {
        var url = new StringBuilder(TimeWindowText.Substitute(baseUrl, window, Uri.EscapeDataString));
        var separator = !baseUrl.Contains('?', StringComparison.Ordinal) ? "?"
            : baseUrl.EndsWith('?') || baseUrl.EndsWith('&') ? ""
            : "&";
        foreach (var (key, template) in http.Query)
        {
            url.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(Resolve(TimeWindowText.Substitute(template, window, Raw), redactor)));
            separator = "&";
        }

        var request = new HttpRequestMessage(method, url.ToString());
        try
        {
            if (method == HttpMethod.Post && http.Body is not null)
            {
                request.Content = new StringContent(TimeWindowText.Substitute(http.Body, window, JsonEscaped), Encoding.UTF8, "application/json");
            }

            foreach (var (name, template) in http.Headers)
            {
                AddHeader(request, name, Resolve(TimeWindowText.Substitute(template, window, Raw), redactor));
            }

            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    private static string Raw(string value) => value;

    // Inside a JSON string; the window's values need no escaping today, but a future form might.
    private static string JsonEscaped(string value) => JsonEncodedText.Encode(value).Value;

    private static void AddHeader(HttpRequestMessage request, string name, string value)
    {
        if (request.Headers.TryAddWithoutValidation(name, value))
        {
            return;
        }

        // Content headers (Content-Type...) live on the body; replace the default rather than adding a second value.
        if (request.Content is null)
        {
            throw SourceFailureException.Misconfigured($"header '{name}' cannot be sent (it needs a body, or is not a valid header name)");
        }

        request.Content.Headers.Remove(name);
        if (!request.Content.Headers.TryAddWithoutValidation(name, value))
        {
            throw SourceFailureException.Misconfigured($"header '{name}' is not a valid header name");
        }
    }

    private string Resolve(string template, SecretRedactor redactor)
    {
        var value = secrets.Resolve(template);
        if (secrets.HasReference(template))
        {
            redactor.Add(template, value);
        }

        return value;
    }
}
