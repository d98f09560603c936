using Dashboard.Tests.Support;

namespace Dashboard.Tests.Http;

/// <summary>The real app (TestServer) in front of a fake upstream on 127.0.0.1: what a page shows when a
/// source misses its render deadline, with and without a last good value.</summary>
public sealed class FallbackTests : IAsyncLifetime
{
    private FakeUpstream upstream = default!;

    public async ValueTask InitializeAsync() => upstream = await FakeUpstream.StartAsync();

    public async ValueTask DisposeAsync()
    {
        upstream.Release("s");
        await upstream.DisposeAsync();
    }

    private static string OneSource(FakeUpstream upstream, string renderDeadline, string fetchTimeout, string maxAge) => $$"""
        {
          "Sources": {
            "s": { "Kind": "http", "Http": { "Url": "{{upstream.Url("s")}}", "Path": "value" },
                   "RenderDeadline": "{{renderDeadline}}", "FetchTimeout": "{{fetchTimeout}}", "MaxAge": "{{maxAge}}" }
          },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [
            { "Id": "s", "Type": "stat", "Title": "S", "Source": "s", "Format": "0" } ] } ]
        }
        """;

    [Fact]
    public async Task Slow_source_past_its_deadline_shows_its_last_good_value_marked_stale_with_the_timeout()
    {
        upstream.SetValue("s", 111);
        await using var app = new DashboardAppFactory(OneSource(upstream, "00:00:00.300", "00:00:05", "00:00:00"));
        using var client = Client(app);

        // First views: the upstream is fast, so a value gets cached (retry while a cold start misses 300 ms).
        await Eventually.ResultAsync(async () =>
        {
            var page = await client.GetStringAsync("/");
            return PanelMarkup.FinalState(page, "s") == "fresh" ? page : null;
        }, "a first view shows the value fresh");
        var callsBefore = upstream.Calls("s");

        upstream.Hold("s");
        var stale = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        var panel = PanelMarkup.FinalHtml(stale, "s");
        Assert.Equal("stale", PanelMarkup.FinalState(stale, "s"));
        Assert.Contains(">111<", panel);
        Assert.Contains("<strong>Stale</strong>", panel);
        Assert.Contains("<span class=\"reason\">slow</span>", panel);
        Assert.Matches("<time datetime=\"[0-9T:Z-]+\"[^>]*>(just now|\\d+ s ago)</time>", panel);
        Assert.DoesNotContain("type=\"error\"", stale);

        // Max age 0: that view did ask upstream again (the held call).
        Assert.Equal(callsBefore + 1, upstream.Calls("s"));
    }

    [Fact]
    public async Task Three_second_source_with_a_one_second_deadline_is_unavailable_first_and_shows_its_value_on_a_later_view()
    {
        upstream.SetValue("s", 3000);
        upstream.SetDelay("s", TimeSpan.FromSeconds(3));
        await using var app = new DashboardAppFactory(OneSource(upstream, "00:00:01", "00:00:05", "00:00:30"));
        using var client = Client(app);

        var first = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("unavailable", PanelMarkup.FinalState(first, "s"));
        var firstPanel = PanelMarkup.FinalHtml(first, "s");
        Assert.Contains("<strong>Unavailable</strong>", firstPanel);
        Assert.Contains("<span class=\"reason\">slow</span>", firstPanel);
        Assert.DoesNotContain("3000", firstPanel);

        // The fetch outlives the page (fetch timeout 5 s) and fills the cache; later views see the value.
        var later = await Eventually.ResultAsync(async () =>
        {
            var page = await client.GetStringAsync("/");
            return PanelMarkup.FinalState(page, "s") == "fresh" ? page : null;
        }, "a later view shows the value", TimeSpan.FromSeconds(10));

        Assert.Contains(">3000<", PanelMarkup.FinalHtml(later, "s"));
        // Views during the fetch joined it, and the value is fresh for 30 s: one upstream call in all.
        Assert.Equal(1, upstream.Calls("s"));
    }

    private static HttpClient Client(DashboardAppFactory app)
    {
        var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(15);
        return client;
    }
}
