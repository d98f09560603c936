using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Sources.Http;

/// <summary>The <c>http</c> source kind: fetches JSON over HTTP, selects a value with <see cref="JsonPathSelector"/>
/// and shapes it with <see cref="JsonValueShaper"/>. Timeouts, retries and caching belong to the engine around it;
/// this class only honours the cancellation token. Reasons never contain resolved secrets or the query string.</summary>
public sealed class HttpJsonSource : ISource
{
    private const int ReasonDetailChars = 200;

    private readonly SourceOptions options;
    private readonly HttpClient client;
    private readonly HttpSourceLimitsOptions limits;
    private readonly ShapingLimitsOptions shaping;
    private readonly HttpJsonRequestBuilder requests;

    /// <exception cref="FormatException">The path does not parse (validators use <see cref="JsonPathSelector.TryParse"/>).</exception>
    /// <exception cref="ArgumentException">No Http section, a bad URL or method, or bad limits.</exception>
    /// <param name="shaping">Shape limits; the table row cap is the smaller of theirs and <see cref="HttpSourceLimitsOptions.MaxTableRows"/>.</param>
    public HttpJsonSource(SourceOptions options, HttpClient client, ISecretResolver secrets, HttpSourceLimitsOptions limits, ShapingLimitsOptions? shaping = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxResponseBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.RawPreviewChars);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxTableRows);
        var http = options.Http ?? throw new ArgumentException($"source '{options.Name}' has no Http settings", nameof(options));
        this.options = options;
        this.client = client;
        this.limits = limits;
        this.shaping = (shaping ?? new ShapingLimitsOptions()).WithRowsAtMost(limits.MaxTableRows);
        requests = new HttpJsonRequestBuilder(options.Name, http, secrets);
        Selector = JsonPathSelector.Parse(http.Path);
    }

    public string Name => options.Name;

    public JsonPathSelector Selector { get; }

    public async Task<SourceFetchResult> FetchAsync(SourceFetchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var redactor = new SecretRedactor();
        using var message = requests.Build(redactor, request.Window);
        SourceTracing.TagFetch(SourceTracing.HttpMethodTag, message.Method.Method);
        SourceTracing.TagFetch(SourceTracing.ServerAddressTag, message.RequestUri?.Host);
        using var response = await SendAsync(message, redactor, cancellationToken);

        var status = (int)response.StatusCode;
        SourceTracing.TagFetch(SourceTracing.HttpStatusTag, status);
        if (status is < 200 or > 299)
        {
            var phrase = ReasonPhrases.GetReasonPhrase(status);
            throw new SourceFailureException(
                phrase.Length == 0 ? $"HTTP {status}" : $"HTTP {status} {phrase}",
                transient: status >= 500 || status == 408 || status == 429,
                publicReason: PublicReasons.Http(status));
        }

        if (response.Content.Headers.ContentLength > limits.MaxResponseBytes)
        {
            throw new SourceFailureException(ResponseTooLargeException.ReasonFor(limits.MaxResponseBytes), publicReason: PublicReasons.ResponseTooLarge);
        }

        // UTF-8 needs at most 3 bytes per UTF-16 char; the spare bytes keep a character split at the end out of the preview.
        var headCapacity = limits.RawPreviewChars == 0 ? 0 : (int)Math.Min(Math.Min(limits.MaxResponseBytes, int.MaxValue), (limits.RawPreviewChars * 3L) + 4);
        using var document = await ReadJsonAsync(response, headCapacity, redactor, cancellationToken);
        var value = JsonValueShaper.Shape(Selector.Select(document.Json.RootElement), options.Shape, shaping);
        return new SourceFetchResult(redactor.Redact(value), Preview(document.Head, redactor));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            // Not our token: HttpClient.Timeout fired.
            throw new SourceFailureException(
                string.Create(CultureInfo.InvariantCulture, $"timed out after {client.Timeout.TotalSeconds:0.#} s (HttpClient.Timeout)"), transient: true, ex, PublicReasons.Timeout);
        }
        catch (HttpRequestException ex) when (ex.InnerException is TargetBlockedException blocked)
        {
            // Policy, not a network hiccup: its own reason, and not transient so it is not retried.
            var reason = redactor.Redact(blocked.Message);
            throw new SourceFailureException(reason, transient: false, reason == blocked.Message ? ex : null, PublicReasons.TargetRefused);
        }
        catch (HttpRequestException ex)
        {
            // A connection torn down because we were cancelled is a cancellation, not a failure.
            cancellationToken.ThrowIfCancellationRequested();
            throw Failure("connection failed", PublicReasons.ConnectionFailed, ex, redactor);
        }
    }

    private async Task<ParsedBody> ReadJsonAsync(HttpResponseMessage response, int headCapacity, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var limited = new LengthLimitedStream(body, limits.MaxResponseBytes, headCapacity);
            var json = await JsonDocument.ParseAsync(limited, default, cancellationToken);
            return new ParsedBody(json, limited.Head.ToArray());
        }
        catch (ResponseTooLargeException ex)
        {
            throw new SourceFailureException(ex.Message, transient: false, ex, PublicReasons.ResponseTooLarge);
        }
        catch (JsonException ex)
        {
            throw Failure("invalid JSON", PublicReasons.InvalidJson, ex, redactor, transient: false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Failure("reading the response failed", PublicReasons.ConnectionFailed, ex, redactor);
        }
    }

    private string? Preview(byte[] head, SecretRedactor redactor)
    {
        if (limits.RawPreviewChars == 0)
        {
            return null;
        }

        // The head holds more bytes than the preview needs, so a multi-byte character cut at its end falls past the cut below.
        var text = redactor.Redact(Encoding.UTF8.GetString(head).TrimStart('\uFEFF'));
        if (text.Length <= limits.RawPreviewChars)
        {
            return text;
        }

        var cut = limits.RawPreviewChars;
        return text[..(char.IsHighSurrogate(text[cut - 1]) ? cut - 1 : cut)];
    }

    /// <summary>A failure whose reason carries a short, secret-free exception message; when the message held a
    /// secret, the inner exception is left out as it holds the same text.</summary>
    private static SourceFailureException Failure(string what, string publicReason, Exception ex, SecretRedactor redactor, bool transient = true)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (!messages.Any(m => m.Contains(e.Message, StringComparison.Ordinal)))
            {
                messages.Add(e.Message);
            }
        }

        var full = string.Join(": ", messages);
        var redacted = redactor.Redact(full);
        var line = redacted.ReplaceLineEndings(" ");
        var detail = line.Length <= ReasonDetailChars ? line : string.Concat(line.AsSpan(0, ReasonDetailChars), "…");
        return new SourceFailureException($"{what}: {detail}", transient, redacted == full ? ex : null, publicReason);
    }

    /// <summary>The parsed document plus the first bytes of the body, for the preview.</summary>
    private sealed record ParsedBody(JsonDocument Json, byte[] Head) : IDisposable
    {
        public void Dispose() => Json.Dispose();
    }
}
