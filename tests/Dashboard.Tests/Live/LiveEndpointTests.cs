using System.Net;
using System.Net.ServerSentEvents;
using System.Text.RegularExpressions;
using Dashboard.Tests.Http;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Live;

/// <summary>/live/{slug} over real Kestrel on 127.0.0.1: a Server-Sent Events stream of the dashboard's version, which
/// moves on when a source on it refreshes (the server keeps watched sources refreshed by itself).</summary>
public sealed partial class LiveEndpointTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [GeneratedRegex("""data-live="main" data-live-version="(\d+)""")]
    private static partial Regex LiveVersion();

    private static string Config(FakeUpstream upstream, string live = """{ "MinInterval": "00:00:00.200" }""", string maxAge = "00:00:01") => $$"""
        {
          "Sources": { "v": { "Kind": "http", "Http": { "Url": "{{upstream.Url("v")}}", "Path": "value" },
                              "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:05", "MaxAge": "{{maxAge}}" } },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "v", "Type": "stat", "Title": "V", "Source": "v", "Format": "0" } ] } ],
          "Live": {{live}}
        }
        """;

    private static DashboardAppFactory Start(string config)
    {
        var app = new DashboardAppFactory(config);
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    private static HttpClient Client(DashboardAppFactory app) => new() { BaseAddress = app.KestrelAddress, Timeout = Bound };

    [Fact]
    public async Task The_stream_starts_with_the_version_the_page_shows_and_moves_on_when_the_upstream_value_changes()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 1);
        await using var app = Start(Config(upstream));
        using var client = Client(app);
        using var timeout = new CancellationTokenSource(Bound);

        // A first view fetches the value; the next one shows it, with the version it was rendered with.
        await client.GetStringAsync("/d/main", timeout.Token);
        var page = await client.GetStringAsync("/d/main", timeout.Token);
        var rendered = long.Parse(LiveVersion().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        using var response = await client.GetAsync("/live/main", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        Assert.True(await events.MoveNextAsync());
        var first = long.Parse(events.Current.Data, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(first >= rendered, $"first event {first}, page rendered with {rendered}");

        upstream.SetValue("v", 2);
        long latest;
        do
        {
            Assert.True(await events.MoveNextAsync());
            latest = long.Parse(events.Current.Data, System.Globalization.CultureInfo.InvariantCulture);
        }
        while (!(await client.GetStringAsync("/d/main", timeout.Token)).Contains("class=\"number\">2</span>", StringComparison.Ordinal));

        Assert.True(latest > first);
    }

    [Fact]
    public async Task Live_refreshes_of_a_watched_MaxAge_0_dashboard_show_the_kept_value_and_never_fetch()
    {
        // Before: every finished fetch re-rendered every live viewer, whose reads of the MaxAge 0 source started the
        // next fetch: an endless loop whose rate grew with viewers (1,409 calls/min for 50 in bench/).
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 1);
        await using var app = Start(Config(upstream, """{ "MinInterval": "00:01:00" }""", maxAge: "00:00:00"));
        using var client = Client(app);
        using var timeout = new CancellationTokenSource(Bound);

        await client.GetStringAsync("/d/main", timeout.Token);
        using var watching = await client.GetAsync("/live/main", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        // Watched: refresh-ahead fetches the source once per MinInterval, counted from its last value (the first load's).
        Assert.Equal(1, upstream.Calls("v"));

        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/d/main");
            request.Headers.TryAddWithoutValidation("Accept", "text/html; blazor-enhanced-nav=on");
            using var response = await client.SendAsync(request, timeout.Token);
            var page = await response.Content.ReadAsStringAsync(timeout.Token);
            Assert.Contains("data-state=\"fresh\"", page, StringComparison.Ordinal);
        }

        Assert.Equal(1, upstream.Calls("v"));

        // A first load (not a live refresh) still fetches, as MaxAge 0 says.
        await client.GetStringAsync("/d/main", timeout.Token);
        Assert.Equal(2, upstream.Calls("v"));
    }

    [Fact]
    public async Task An_unknown_dashboard_is_404_and_connections_beyond_the_limit_are_503_with_Retry_After()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var app = Start(Config(upstream, """{ "MaxConnections": 1 }"""));
        using var client = Client(app);

        using var unknown = await client.GetAsync("/live/nope", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var first = await client.GetAsync("/live/main", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await client.GetAsync("/live/main", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
    }

    [Fact]
    public async Task Turned_off_there_is_no_stream_and_the_page_asks_for_none()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var app = Start(Config(upstream, """{ "Enabled": false }"""));
        using var client = Client(app);

        using var live = await client.GetAsync("/live/main", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, live.StatusCode);
        Assert.DoesNotContain("data-live=", await client.GetStringAsync("/d/main", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_page_answers_an_enhanced_refresh_with_blazors_header_as_blazor_web_js_expects_it()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 3);
        await using var app = Start(Config(upstream).Replace("\"00:00:01\" }", "\"00:01:00\" }", StringComparison.Ordinal));
        using var client = Client(app);
        await client.GetStringAsync("/d/main", TestContext.Current.CancellationToken);
        await client.GetStringAsync("/d/main", TestContext.Current.CancellationToken);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/d/main");
        request.Headers.TryAddWithoutValidation("Accept", "text/html; blazor-enhanced-nav=on");
        using var enhanced = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.NotNull(enhanced.Headers.Age);
        Assert.Equal("allow", Assert.Single(enhanced.Headers.GetValues("blazor-enhanced-nav")));
    }
}
