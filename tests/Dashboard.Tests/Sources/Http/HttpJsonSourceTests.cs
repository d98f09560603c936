using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dashboard.Sources;
using Dashboard.Sources.Http;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Tests.Sources.Http;

public sealed class HttpJsonSourceTests(LocalJsonServer server) : IClassFixture<LocalJsonServer>
{
    // Only reached when something is broken; a passing test takes milliseconds.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    // These sources use no time placeholder: any window does.
    private static readonly SourceFetchRequest Request = new(TestWindows.Hour);

    private static readonly ISecretResolver Secrets = new ConfigurationSecretResolver(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Secrets:API_KEY"] = LocalJsonServer.HeaderSecret,
            ["Secrets:API_QUERY"] = LocalJsonServer.QuerySecret,
        })
        .Build());

    [Fact]
    public async Task Gets_a_value_and_a_raw_preview()
    {
        var source = Source("/value", "data.items[-1].price", limits: new() { RawPreviewChars = 12 });

        var result = await Fetch(source);

        Assert.Equal(2.5, result.Value.Number);
        Assert.Equal("""{"data":{"it""", result.RawPreview);
        Assert.Equal("test", source.Name);
    }

    [Fact]
    public async Task Shapes_a_series_from_a_wildcard()
    {
        var result = await Fetch(Source("/value", "data.items[*].price", ValueShape.Series));

        Assert.Equal([new SeriesPoint(null, 1.5), new SeriesPoint(null, 2.5)], result.Value.Points);
    }

    [Fact]
    public async Task Preview_keeps_whole_characters()
    {
        var result = await Fetch(Source("/value", "label", limits: new() { RawPreviewChars = 1000 }));

        Assert.Equal("héllo", result.Value.Text);
        Assert.EndsWith("\"label\":\"héllo\"}", result.RawPreview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posts_a_json_body()
    {
        var source = Source("/echo", "sent.n", configure: http =>
        {
            http.Method = "post";
            http.Body = """{"sent":{"n":7}}""";
        });

        Assert.Equal(7, (await Fetch(source)).Value.Number);
    }

    [Fact]
    public async Task Sends_headers_and_query_with_secrets_resolved_and_encoded()
    {
        var source = Source("/secure?fixed=1", "plain", configure: http =>
        {
            http.Headers["X-Api-Key"] = "{secret:API_KEY}";
            http.Headers["Authorization"] = "Bearer {secret:API_KEY}";
            http.Query["token"] = "{secret:API_QUERY}";
            http.Query["plain"] = "a b&c=d";
        });

        var result = await Fetch(source);

        Assert.Equal("a b&c=d", result.Value.Text);
        AssertNoSecret(result.RawPreview);
    }

    [Fact]
    public async Task Wrong_secret_gives_a_status_reason_without_the_secret()
    {
        var source = Source("/secure", "ok", configure: http =>
        {
            http.Headers["X-Api-Key"] = "{secret:API_QUERY}";
            http.Query["token"] = "{secret:API_KEY}";
        });

        var failure = await Fails(source);

        Assert.Equal("HTTP 401 Unauthorized", failure.Reason);
        Assert.False(failure.Transient);
        AssertNoSecret(failure.ToString());
    }

    [Fact]
    public async Task A_secret_echoed_by_the_server_is_masked_in_the_preview()
    {
        var source = Source("/leaky", "seen", configure: http => http.Headers["X-Api-Key"] = "{secret:API_KEY}");

        var result = await Fetch(source);

        Assert.Equal("""{"seen":"***"}""", result.RawPreview);
    }

    [Fact]
    public async Task A_secret_echoed_by_the_server_is_masked_in_the_selected_value()
    {
        var source = Source("/leaky", "seen", configure: http => http.Headers["X-Api-Key"] = "{secret:API_KEY}");

        var result = await Fetch(source);

        Assert.Equal("***", result.Value.Text);
    }

    [Fact]
    public async Task A_missing_secret_fails_the_fetch_naming_only_the_secret()
    {
        var source = Source("/value", "count", configure: http => http.Headers["X-Api-Key"] = "{secret:NOT_SET}");

        var failure = await Fails(source);

        Assert.Equal("secret 'NOT_SET' is not set (configuration key Secrets:NOT_SET, environment variable Secrets__NOT_SET)", failure.Reason);
        Assert.Equal(PublicReasons.Configuration, failure.PublicReason);
    }

    [Theory]
    [InlineData(503, "HTTP 503 Service Unavailable", true)]
    [InlineData(500, "HTTP 500 Internal Server Error", true)]
    [InlineData(429, "HTTP 429 Too Many Requests", true)]
    [InlineData(408, "HTTP 408 Request Timeout", true)]
    [InlineData(404, "HTTP 404 Not Found", false)]
    [InlineData(400, "HTTP 400 Bad Request", false)]
    public async Task Non_success_status_gives_reason_and_transience(int status, string reason, bool transient)
    {
        var failure = await Fails(Source($"/status/{status}?token=abc", "error"));

        Assert.Equal(reason, failure.Reason);
        Assert.Equal(transient, failure.Transient);
    }

    [Fact]
    public async Task Invalid_json_is_a_permanent_failure()
    {
        var failure = await Fails(Source("/invalid", "a"));

        Assert.StartsWith("invalid JSON: ", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("LineNumber", failure.Reason, StringComparison.Ordinal);
        Assert.False(failure.Transient);
    }

    [Fact]
    public async Task A_missing_path_is_reported()
    {
        var failure = await Fails(Source("/value", "data.items[5].price"));

        Assert.Equal("path 'data.items[5]' not found: index 5 out of range (length 2)", failure.Reason);
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_accepted_one_byte_more_is_not()
    {
        var limits = new HttpSourceLimitsOptions { MaxResponseBytes = 1024 };

        var accepted = await Fetch(Source("/exact/1024", "", limits: limits));
        var failure = await Fails(Source("/exact/1025", "", limits: limits));

        // The 1022-character string was read whole, then cut to the cell limit like any text value.
        Assert.Equal(new ShapingLimitsOptions().MaxCellChars, accepted.Value.Text!.Length);
        Assert.EndsWith("…", accepted.Value.Text, StringComparison.Ordinal);
        Assert.Equal("response larger than 1 KiB limit", failure.Reason);
    }

    [Fact]
    public async Task An_endless_chunked_body_is_cut_off_while_streaming()
    {
        const int limit = 64 * 1024;
        var counting = new CountingHandler();
        using var client = new HttpClient(counting);
        var source = new HttpJsonSource(Options(server.Url("/endless"), ""), client, Secrets, new() { MaxResponseBytes = limit });

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => source.FetchAsync(Request, CancellationToken.None).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.Equal("response larger than 64 KiB limit", failure.Reason);
        Assert.False(failure.Transient);
        Assert.Equal(limit + 1, counting.BodyBytesRead);
    }

    [Fact]
    public async Task A_declared_content_length_over_the_limit_is_rejected_before_reading()
    {
        // The server sends headers and then nothing: reading the body would hang until the bound.
        var failure = await Fails(Source("/declared-big", "", limits: new() { MaxResponseBytes = 4 * 1024 * 1024 }));

        Assert.Equal("response larger than 4 MiB limit", failure.Reason);
    }

    [Theory]
    [InlineData("/hang/")]
    [InlineData("/hang-body/")]
    public async Task Cancellation_is_honoured_while_waiting_for_headers_or_body(string route)
    {
        var id = Guid.NewGuid().ToString("N");
        var arrived = server.ArrivalOf(id);
        using var cancellation = new CancellationTokenSource();
        var fetch = Source(route + id, "").FetchAsync(Request, cancellation.Token);

        await arrived.WaitAsync(Bound, TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch.WaitAsync(Bound, TestContext.Current.CancellationToken));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_refused_connection_is_a_transient_failure()
    {
        var source = new HttpJsonSource(Options($"http://127.0.0.1:{ClosedPort()}/x?token=abc", ""), server.Client, Secrets, new());

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => source.FetchAsync(Request, CancellationToken.None).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.StartsWith("connection failed: ", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("token", failure.Reason, StringComparison.Ordinal);
        Assert.True(failure.Transient);
    }

    [Fact]
    public async Task Secrets_in_an_exception_message_are_masked_and_the_inner_exception_dropped()
    {
        using var client = new HttpClient(new EchoingFailureHandler());
        var options = Options("http://upstream.invalid/x", "", http =>
        {
            http.Headers["X-Api-Key"] = "{secret:API_KEY}";
            http.Query["token"] = "{secret:API_QUERY}";
        });

        var failure = await Assert.ThrowsAsync<SourceFailureException>(
            () => new HttpJsonSource(options, client, Secrets, new()).FetchAsync(Request, CancellationToken.None).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.Equal("connection failed: boom for *** at http://upstream.invalid/x?token=***", failure.Reason);
        Assert.Null(failure.InnerException);
        AssertNoSecret(failure.ToString());
    }

    [Fact]
    public async Task HttpClient_timeout_is_a_transient_failure_not_a_cancellation()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        var source = new HttpJsonSource(Options(server.Url("/hang/" + Guid.NewGuid().ToString("N")), ""), client, Secrets, new());

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => source.FetchAsync(Request, CancellationToken.None).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.Equal("timed out after 0.2 s (HttpClient.Timeout)", failure.Reason);
        Assert.True(failure.Transient);
    }

    [Theory]
    [InlineData("http://example.com/", "GET", "data[", typeof(FormatException))]
    [InlineData("ftp://example.com/", "GET", "", typeof(ArgumentException))]
    [InlineData("/relative", "GET", "", typeof(ArgumentException))]
    [InlineData("http://example.com/", "PUT", "", typeof(ArgumentException))]
    public void Bad_configuration_fails_in_the_constructor(string url, string method, string path, Type expected)
    {
        var options = Options(url, path, http => http.Method = method);

        var thrown = Record.Exception(() => new HttpJsonSource(options, server.Client, Secrets, new()));

        Assert.IsType(expected, thrown);
    }

    private HttpJsonSource Source(
        string pathAndQuery, string path, ValueShape shape = ValueShape.Scalar, Action<HttpSourceOptions>? configure = null, HttpSourceLimitsOptions? limits = null) =>
        new(Options(server.Url(pathAndQuery), path, configure, shape), server.Client, Secrets, limits ?? new());

    private static SourceOptions Options(string url, string path, Action<HttpSourceOptions>? configure = null, ValueShape shape = ValueShape.Scalar)
    {
        var http = new HttpSourceOptions { Url = url, Path = path };
        configure?.Invoke(http);
        return new SourceOptions { Name = "test", Kind = "http", Shape = shape, Http = http };
    }

    private static Task<SourceFetchResult> Fetch(HttpJsonSource source) => source.FetchAsync(Request, CancellationToken.None).WaitAsync(Bound);

    private static async Task<SourceFailureException> Fails(HttpJsonSource source)
    {
        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => Fetch(source));
        AssertNoSecret(failure.ToString());
        return failure;
    }

    private static void AssertNoSecret(string? text)
    {
        Assert.DoesNotContain(LocalJsonServer.HeaderSecret, text ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(LocalJsonServer.QuerySecret, text ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(LocalJsonServer.QuerySecret), text ?? "", StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Fails every request with a message quoting its secrets, as a careless handler might.</summary>
    private sealed class EchoingFailureHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException(
                $"boom for {request.Headers.GetValues("X-Api-Key").Single()} at {request.RequestUri!.OriginalString}",
                new IOException(request.Headers.GetValues("X-Api-Key").Single()));
    }

    /// <summary>Counts the body bytes the source actually pulls from the network.</summary>
    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private LengthLimitedStream? counter;

        public long BodyBytesRead => counter?.BytesRead ?? -1;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var original = response.Content;
            counter = new LengthLimitedStream(await original.ReadAsStreamAsync(cancellationToken), long.MaxValue);
            response.Content = new StreamContent(counter);
            foreach (var header in original.Headers)
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return response;
        }
    }
}
