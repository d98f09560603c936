using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using Dashboard.Tests.Http;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Live;

/// <summary>Fair live slots over real Kestrel: one client address holds at most Live:MaxPerClient streams; over it, 429,
/// while another client still connects and gets updates. The client is the one the forwarded-headers rules trust.</summary>
public sealed class LivePerClientTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task One_client_over_its_limit_gets_429_while_another_client_connects_and_gets_updates()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 1);
        await using var app = Start(upstream, """ "ForwardedHeaders": { "KnownProxies": [ "127.0.0.1" ] }, """);
        using var client = new HttpClient { BaseAddress = app.KestrelAddress, Timeout = Bound };
        using var timeout = new CancellationTokenSource(Bound);

        await using var first = await LiveStream.OpenAsync(client, "203.0.113.1", timeout.Token);
        await using var second = await LiveStream.OpenAsync(client, "203.0.113.1", timeout.Token);
        using var third = await OpenAsync(client, "203.0.113.1", timeout.Token);
        await using var other = await LiveStream.OpenAsync(client, "203.0.113.2", timeout.Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), third.Headers.RetryAfter?.Delta);

        // The other client's stream is live: a new upstream value reaches it.
        var before = other.Version;
        upstream.SetValue("v", 2);
        Assert.True(await other.NextVersionAsync(timeout.Token) > before);

        // A closed stream gives its slot back.
        await first.DisposeAsync();
        await using var again = await Eventually.ResultAsync(() => LiveStream.TryOpenAsync(client, "203.0.113.1", timeout.Token), "a freed slot");
        Assert.NotNull(again);
    }

    [Fact]
    public async Task A_client_cannot_get_more_slots_by_sending_its_own_forwarded_header()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 1);
        await using var app = Start(upstream, "");
        using var client = new HttpClient { BaseAddress = app.KestrelAddress, Timeout = Bound };
        using var timeout = new CancellationTokenSource(Bound);

        await using var first = await LiveStream.OpenAsync(client, "203.0.113.1", timeout.Token);
        await using var second = await LiveStream.OpenAsync(client, "203.0.113.2", timeout.Token);
        using var third = await OpenAsync(client, "203.0.113.3", timeout.Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    private static DashboardAppFactory Start(FakeUpstream upstream, string extra)
    {
        var app = new DashboardAppFactory($$"""
            {
              {{extra}}
              "Sources": { "v": { "Kind": "http", "Http": { "Url": "{{upstream.Url("v")}}", "Path": "value" },
                                  "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:05", "MaxAge": "00:00:01" } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "v", "Type": "stat", "Title": "V", "Source": "v" } ] } ],
              "Live": { "MinInterval": "00:00:00.200", "MaxPerClient": 2 }
            }
            """);
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    private static Task<HttpResponseMessage> OpenAsync(HttpClient client, string forwardedFor, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/live/main");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>An open stream that has delivered its first event.</summary>
    private sealed class LiveStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage response;
        private readonly IAsyncEnumerator<SseItem<string>> events;

        private LiveStream(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events)
        {
            this.response = response;
            this.events = events;
        }

        public long Version { get; private set; }

        public static async Task<LiveStream> OpenAsync(HttpClient client, string forwardedFor, CancellationToken cancellationToken) =>
            await TryOpenAsync(client, forwardedFor, cancellationToken) ?? throw new InvalidOperationException($"no live slot for {forwardedFor}");

        public static async Task<LiveStream?> TryOpenAsync(HttpClient client, string forwardedFor, CancellationToken cancellationToken)
        {
            var response = await LivePerClientTests.OpenAsync(client, forwardedFor, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                response.Dispose();
                return null;
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var live = new LiveStream(response, SseParser.Create(stream).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken));
            await live.NextVersionAsync(cancellationToken);
            return live;
        }

        /// <summary>The next version event (pings skipped).</summary>
        public async Task<long> NextVersionAsync(CancellationToken cancellationToken)
        {
            while (await events.MoveNextAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (events.Current.EventType != "ping")
                {
                    return Version = long.Parse(events.Current.Data, CultureInfo.InvariantCulture);
                }
            }

            throw new InvalidOperationException("the stream ended");
        }

        public async ValueTask DisposeAsync()
        {
            await events.DisposeAsync();
            response.Dispose();
        }
    }
}
