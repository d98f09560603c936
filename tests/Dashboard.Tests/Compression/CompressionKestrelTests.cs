using System.IO.Compression;
using System.Net;
using Dashboard.Tests.Http;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Compression;

/// <summary>Against the real app on a real socket (127.0.0.1): a streamed page is compressed when the client asks, and
/// still arrives batch by batch (the shell, decompressed, before the slow source answers); a page stored compressed is
/// never served to a client that did not ask for that encoding.</summary>
public sealed class CompressionKestrelTests : IAsyncLifetime
{
    private FakeUpstream upstream = default!;
    private DashboardAppFactory app = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("fast", 11);
        upstream.SetValue("slow", 4242);
        app = new DashboardAppFactory(StreamingKestrelTests.TwoPanelConfig(upstream));
        app.UseKestrel(0);
        app.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await upstream.DisposeAsync();
    }

    // No automatic decompression: the test sees the bytes on the wire and the Content-Encoding header.
    private HttpClient Client() => new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None })
    {
        BaseAddress = app.KestrelAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static Stream Decompress(Stream body, string encoding) => encoding switch
    {
        "br" => new BrotliStream(body, CompressionMode.Decompress),
        "gzip" => new GZipStream(body, CompressionMode.Decompress),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_streamed_page_is_compressed_and_its_shell_arrives_before_the_slow_source(string encoding)
    {
        upstream.Hold("slow");
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        await using var body = Decompress(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), encoding);

        // The compressed shell is flushed while the slow source is still held.
        var shell = await ResponseReader.ReadUntilAsync(body, "data-panel-id=\"slow\"", TimeSpan.FromSeconds(10));
        Assert.Contains("<h1>Main</h1>", shell);
        Assert.Contains("data-state=\"loading\"", shell);
        Assert.DoesNotContain("4242", shell);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (upstream.Calls("slow") == 0)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        upstream.Release("slow");
        var rest = await ResponseReader.ReadToEndAsync(body, TimeSpan.FromSeconds(10));
        Assert.Contains("<blazor-ssr>", rest);
        Assert.Contains("4242", rest);
    }

    [Fact]
    public async Task Without_Accept_Encoding_the_page_is_not_compressed()
    {
        using var client = Client();
        using var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(response.Content.Headers.ContentEncoding, e => e != "identity");
        Assert.Contains("<h1>Main</h1>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_page_stored_compressed_is_served_only_to_clients_that_asked_for_that_encoding()
    {
        // A dashboard whose one source stays fresh: after the first view the page renders in one pass and is stored, in the
        // encoding of whoever asked first; plain, gzip and br clients then each get their own.
        await using var cached = new DashboardAppFactory($$"""
            {
              "Sources": { "fast": { "Kind": "http", "Http": { "Url": "{{upstream.Url("slow")}}", "Path": "value" }, "MaxAge": "00:05:00" } },
              "PageCache": { "Duration": "00:01:00" },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "fast", "Type": "stat", "Title": "Fast", "Source": "fast" } ] } ]
            }
            """);
        cached.UseKestrel(0);
        cached.StartServer();
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = cached.KestrelAddress };
        await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        foreach (var encoding in new[] { "br", null, "gzip", "br", null })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            if (encoding is not null)
            {
                request.Headers.AcceptEncoding.ParseAdd(encoding);
            }

            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var received = response.Content.Headers.ContentEncoding.Where(e => e != "identity").SingleOrDefault();
            Assert.Equal(encoding, received);
            await using var raw = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            await using var body = encoding is null ? raw : Decompress(raw, encoding);
            using var reader = new StreamReader(body);
            var html = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.Contains("<h1>Main</h1>", html);
            Assert.Contains("state-line fresh", html);
            Assert.DoesNotContain("<blazor-ssr>", html);
        }

        Assert.Equal(1, upstream.Calls("slow"));
    }
}
