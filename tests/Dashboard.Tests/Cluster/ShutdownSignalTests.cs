using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using Dashboard.Live;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Cluster;

/// <summary>What an instance tells the outside the moment it is told to stop (SIGTERM), over real Kestrel: /readyz turns
/// 503, and live streams end with a reconnect hint (an SSE <c>retry</c> and a <c>reconnect</c> event live.js acts on),
/// so browsers move to another instance. The drain and the in-flight pages are covered with real processes
/// (<see cref="RollingRestartTests"/>).</summary>
public sealed class ShutdownSignalTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private const string Config = """
        {
          "Sources": { "s": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/none", "Path": "value" } } },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Title": "P", "Source": "s" } ] } ],
          "ShutdownDrainDelay": "00:00:03"
        }
        """;

    [Fact]
    public async Task On_stopping_readiness_turns_503_at_once_and_live_streams_end_with_a_reconnect_hint()
    {
        await using var app = new DashboardAppFactory(Config);
        app.UseKestrel(0);
        app.StartServer();
        using var client = new HttpClient { BaseAddress = app.KestrelAddress, Timeout = Bound };
        using var timeout = new CancellationTokenSource(Bound);
        using (var ready = await client.GetAsync("/readyz", timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        using var response = await client.GetAsync("/live/main", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var parser = SseParser.Create(stream);
        await using var events = parser.EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("message", events.Current.EventType);

        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        using (var unready = await client.GetAsync("/readyz", timeout.Token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        }

        Assert.True(await events.MoveNextAsync());
        AssertReconnectHint(events.Current, parser.ReconnectionInterval);
        Assert.False(await events.MoveNextAsync());

        // Still serving while it drains; a stream opened then gets the hint alone.
        using var late = await client.GetAsync("/live/main", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var lateParser = SseParser.Create(await late.Content.ReadAsStreamAsync(timeout.Token));
        var lateEvents = new List<SseItem<string>>();
        await foreach (var item in lateParser.EnumerateAsync(timeout.Token))
        {
            lateEvents.Add(item);
        }

        AssertReconnectHint(Assert.Single(lateEvents), lateParser.ReconnectionInterval);
    }

    [Theory]
    [InlineData(0, 500)]
    [InlineData(0.5, 1500)]
    [InlineData(0.999, 2498)]
    public void The_reconnect_delay_is_spread_between_half_a_second_and_two_and_a_half(double random, long expectedMs)
    {
        var hint = LiveEndpoint.ShutdownReconnect(random);

        Assert.Equal(LiveEndpoint.ReconnectEvent, hint.EventType);
        Assert.Equal(expectedMs.ToString(CultureInfo.InvariantCulture), hint.Data);
        Assert.InRange(hint.ReconnectionInterval!.Value.TotalMilliseconds, expectedMs, expectedMs + 1);
    }

    private static void AssertReconnectHint(SseItem<string> item, TimeSpan retry)
    {
        Assert.Equal(LiveEndpoint.ReconnectEvent, item.EventType);
        var delay = TimeSpan.FromMilliseconds(long.Parse(item.Data, CultureInfo.InvariantCulture));
        Assert.InRange(delay, LiveEndpoint.ShutdownReconnectMin, LiveEndpoint.ShutdownReconnectMin + LiveEndpoint.ShutdownReconnectSpread);
        Assert.Equal(delay, retry);
    }
}
