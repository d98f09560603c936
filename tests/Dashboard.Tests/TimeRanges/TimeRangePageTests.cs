using System.Net;
using Dashboard.Sources.Engine;
using Dashboard.Tests.Http;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.TimeRanges;

/// <summary>The real app (TestServer) at a fixed time: the range in the page's address reaches an HTTP source's
/// placeholders and a SQL source's parameters, quantised to its bucket; the dashboard's default applies without one; a range
/// that cannot be shown says why on the page and falls back to the default.</summary>
public sealed class TimeRangePageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 14, 3, 10, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Now);
    private FakeUpstream upstream = default!;
    private DashboardAppFactory app = default!;
    private HttpClient client = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("api", 7);
        upstream.SetValue("plain", 9);
        app = new DashboardAppFactory($$"""
            {
              "PageCache": { "Duration": "00:01:00" },
              "Connections": { "local": { "Provider": "sqlite", "ConnectionString": "Data Source=:memory:" } },
              "Sources": {
                "api": { "Kind": "http", "Http": { "Url": "{{upstream.Url("api")}}", "Path": "value",
                         "Query": { "from": "{from:ms}", "to": "{to:ms}", "step": "{interval:s}", "iso": "{from}" } },
                         "RenderDeadline": "00:00:05", "MaxAge": "00:05:00" },
                "sql": { "Kind": "sql", "Sql": { "Connection": "local", "Query": "SELECT @from || '|' || @to || '|' || @interval" },
                         "RenderDeadline": "00:00:05", "MaxAge": "00:05:00" },
                "plain": { "Kind": "http", "Http": { "Url": "{{upstream.Url("plain")}}", "Path": "value" }, "RenderDeadline": "00:00:05", "MaxAge": "00:05:00" }
              },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "TimeRange": { "From": "now-24h", "To": "now" }, "Panels": [
                { "Id": "api", "Type": "stat", "Title": "API", "Source": "api", "Format": "0" },
                { "Id": "sql", "Type": "stat", "Title": "SQL", "Source": "sql" },
                { "Id": "plain", "Type": "stat", "Title": "Plain", "Source": "plain", "Format": "0" } ] } ]
            }
            """, services => services.AddSingleton<TimeProvider>(time));
        client = app.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
        await upstream.DisposeAsync();
    }

    private async Task<string> PageAsync(string address)
    {
        using var response = await client.GetAsync(address, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static string Ms(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_address_range_reaches_http_placeholders_and_sql_parameters_quantised_to_its_bucket()
    {
        var page = await PageAsync("/d/main?from=now-6h&to=now");

        // Six hours in 2-minute buckets, ending with the bucket under way (14:02–14:04).
        Assert.Equal(
            $"?from={Ms("2026-12-05T08:04:00Z")}&iso=2026-12-05T08%3A04%3A00Z&step=120&to={Ms("2026-12-05T14:04:00Z")}",
            Assert.Single(upstream.Queries("api")));
        Assert.Contains(">2026-12-05T08:04:00Z|2026-12-05T14:04:00Z|120<", PanelMarkup.FinalHtml(page, "sql"), StringComparison.Ordinal);
        Assert.Equal("fresh", PanelMarkup.FinalState(page, "api"));
        Assert.Contains("Last 6 hours: 5 Dec 08:04 – 14:04 UTC, 2 min buckets", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_range_the_dashboard_default_applies_and_a_source_that_ignores_the_range_is_fetched_once()
    {
        var byDefault = await PageAsync("/d/main");
        var absolute = await PageAsync("/d/main?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z");

        Assert.Contains(">2026-12-04T14:05:00Z|2026-12-05T14:05:00Z|300<", PanelMarkup.FinalHtml(byDefault, "sql"), StringComparison.Ordinal);
        Assert.Contains(">2026-12-01T00:00:00Z|2026-12-02T00:00:00Z|300<", PanelMarkup.FinalHtml(absolute, "sql"), StringComparison.Ordinal);
        Assert.Equal(2, upstream.Calls("api"));
        Assert.Equal(1, upstream.Calls("plain"));
        Assert.Contains("""href="/d/main?from=now-24h&amp;to=now" title="Last 24 hours" aria-current="true""", byDefault, StringComparison.Ordinal);
        Assert.Contains("Custom range: 1 Dec 00:00 – 2 Dec 00:00 UTC, 5 min buckets", WebUtility.HtmlDecode(absolute), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preset_links_and_the_custom_form_keep_the_other_query_parameters()
    {
        var page = await PageAsync("/d/main?sort=name&from=now-1h");

        Assert.Contains("""href="/d/main?from=now-7d&amp;to=now&amp;sort=name" title="Last 7 days">""", page, StringComparison.Ordinal);
        Assert.Contains("""<input type="hidden" name="sort" value="name" />""", page, StringComparison.Ordinal);
        Assert.Contains("""<form class="time-range" method="get" action="/d/main" data-enhance""", page, StringComparison.Ordinal);
        Assert.Contains("""href="/d/main?from=now-1h&amp;to=now&amp;sort=name" title="Last hour" aria-current="true""", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=banana", "from: &#x27;banana&#x27; is not a time")]
    [InlineData("from=now-2y", "from: &#x27;now-2y&#x27; is not a relative time")]
    [InlineData("from=now&to=now-1h", "must be before the end")]
    [InlineData("from=now-400d", "at most 366 days")]
    [InlineData("from=2027-01-01&to=2027-01-02", "starts in the future")]
    [InlineData("to=now", "&#x27;from&#x27; is missing")]
    [InlineData("from=%3Cscript%3Ealert(1)%3C/script%3E", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    public async Task A_range_that_cannot_be_shown_says_why_and_the_page_shows_the_default_never_cached(string query, string message)
    {
        var first = await PageAsync($"/d/main?{query}");
        using var second = await client.GetAsync($"/d/main?{query}", TestContext.Current.CancellationToken);

        Assert.Contains("""<p class="range-problem" role="alert">The time range in the address cannot be shown: """, first, StringComparison.Ordinal);
        Assert.Contains(message, first, StringComparison.Ordinal);
        Assert.Contains("Showing last 24 hours instead.", first, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", first, StringComparison.Ordinal);
        Assert.Contains(">2026-12-04T14:05:00Z|2026-12-05T14:05:00Z|300<", PanelMarkup.FinalHtml(first, "sql"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(second.Headers.Age);
    }

    [Fact]
    public async Task The_page_cache_keeps_one_rendering_per_range_and_moves_on_with_the_window()
    {
        await PageAsync("/d/main?from=now-6h&to=now");     // Fetched while streaming: not stored.
        await PageAsync("/d/main?from=now-6h&to=now");     // Every value fresh: stored.
        using var reused = await client.GetAsync("/d/main?from=now-360m&to=now", TestContext.Current.CancellationToken);
        await PageAsync("/d/main?from=now-1h&to=now");
        var hour = await PageAsync("/d/main?from=now-1h&to=now");

        Assert.NotNull(reused.Headers.Age);
        Assert.Contains("|120<", await reused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("|15<", PanelMarkup.FinalHtml(hour, "sql"), StringComparison.Ordinal);

        // The next 2-minute bucket is another window: the stored page of the previous one is not served.
        time.Advance(TimeSpan.FromMinutes(2));
        using var moved = await client.GetAsync("/d/main?from=now-6h&to=now", TestContext.Current.CancellationToken);
        Assert.Null(moved.Headers.Age);
    }

    [Fact]
    public async Task A_live_stream_opened_with_the_page_range_keeps_that_range_fresh()
    {
        using var stream = await client.GetAsync("/live/main?from=now-6h&to=now", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        var interests = app.Services.GetServices<IReadInterestSource>().SelectMany(s => s.Current()).ToList();

        Assert.Contains(interests, i => i.Source == "sql" && i.Window is { Key: "now-6h..now", Interval.TotalSeconds: 120 } w && w.To == new DateTimeOffset(2026, 12, 5, 14, 4, 0, TimeSpan.Zero));
        Assert.DoesNotContain(interests, i => i.Window?.Key == "now-24h..now");
    }
}
