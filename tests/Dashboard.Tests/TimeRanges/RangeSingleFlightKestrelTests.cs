using System.Globalization;
using Dashboard.Tests.Http;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.TimeRanges;

/// <summary>Single flight per range through the page, on a real socket: a hundred concurrent views of "last 6 h" (however
/// the address spells it) make one upstream call with one quantised window; another range is its own call.</summary>
public sealed class RangeSingleFlightKestrelTests : IAsyncLifetime
{
    private const int Viewers = 100;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private FakeUpstream upstream = default!;
    private DashboardAppFactory app = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("ranged", 4242);
        app = new DashboardAppFactory($$"""
            {
              "Sources": {
                "ranged": { "Kind": "http", "Http": { "Url": "{{upstream.Url("ranged")}}", "Path": "value",
                            "Query": { "from": "{from:ms}", "to": "{to:ms}", "step": "{interval:ms}" } },
                            "RenderDeadline": "00:00:25", "FetchTimeout": "00:00:28", "MaxAge": "00:00:00" }
              },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [
                { "Id": "ranged", "Type": "stat", "Title": "Ranged", "Source": "ranged", "Format": "0" } ] } ]
            }
            """);
        app.UseKestrel(0);
        app.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        upstream.Release("ranged");
        await app.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_hundred_concurrent_views_of_one_relative_range_make_one_upstream_call_and_another_range_one_more()
    {
        upstream.Hold("ranged");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Viewers + 10 };
        using var client = new HttpClient(handler) { BaseAddress = app.KestrelAddress, Timeout = Bound };
        string[] spellings = ["/d/main?from=now-6h&to=now", "/d/main?from=now-6h", "/d/main?from=now-360m&to=now-0s", "/?from=NOW-6h"];

        var views = Enumerable.Range(0, Viewers).Select(i => OpenPage.OpenAsync(client, spellings[i % spellings.Length], Bound)).ToArray();
        var opened = await Task.WhenAll(views).WaitAsync(Bound, TestContext.Current.CancellationToken);
        try
        {
            await Eventually.TrueAsync(() => upstream.Calls("ranged") > 0, "the upstream call arrived");
            Assert.All(opened, v => Assert.Equal("loading", PanelMarkup.FinalState(v.Shell, "ranged")));
            Assert.Equal(1, upstream.Calls("ranged"));

            upstream.Release("ranged");
            var pages = await Task.WhenAll(opened.Select(v => v.ReadToEndAsync(Bound)));
            Assert.All(pages, page => Assert.Contains(">4242<", PanelMarkup.FinalHtml(page, "ranged"), StringComparison.Ordinal));
            Assert.Equal(1, upstream.Calls("ranged"));

            // The one call asked for six hours in 2-minute buckets, ending on a bucket boundary.
            var six = Window(Assert.Single(upstream.Queries("ranged")));
            Assert.Equal(6 * 3_600_000, six.Span);
            Assert.Equal(120_000, six.Step);
            Assert.Equal(0, six.To % six.Step);

            // Another range is another entry: one more call, whatever the number of its viewers.
            upstream.Hold("ranged");
            var day = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => OpenPage.OpenAsync(client, "/d/main?from=now-24h&to=now", Bound))).WaitAsync(Bound, TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(() => upstream.Calls("ranged") > 1, "the second range's call arrived");
            upstream.Release("ranged");
            foreach (var view in day)
            {
                Assert.Contains(">4242<", PanelMarkup.FinalHtml(await view.ReadToEndAsync(Bound), "ranged"), StringComparison.Ordinal);
                await view.DisposeAsync();
            }

            Assert.Equal(2, upstream.Calls("ranged"));
            Assert.Equal(24 * 3_600_000, Window(upstream.Queries("ranged").Last()).Span);
        }
        finally
        {
            foreach (var view in opened)
            {
                await view.DisposeAsync();
            }
        }
    }

    private static (long To, long Span, long Step) Window(string queryString)
    {
        var query = System.Web.HttpUtility.ParseQueryString(queryString);
        long Read(string name) => long.Parse(query[name]!, CultureInfo.InvariantCulture);
        return (Read("to"), Read("to") - Read("from"), Read("step"));
    }
}
