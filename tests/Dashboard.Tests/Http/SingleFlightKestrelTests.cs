using Dashboard.Tests.Support;

namespace Dashboard.Tests.Http;

/// <summary>Single flight at the HTTP level, on a real socket: many simultaneous viewers of a page whose
/// source has no fresh value cause one upstream call, and every one of them gets its value.</summary>
public sealed class SingleFlightKestrelTests : IAsyncLifetime
{
    private const int Viewers = 50;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private FakeUpstream upstream = default!;
    private DashboardAppFactory app = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("shared", 4242);
        app = new DashboardAppFactory($$"""
            {
              "Sources": {
                "shared": { "Kind": "http", "Http": { "Url": "{{upstream.Url("shared")}}", "Path": "value" },
                            "RenderDeadline": "00:00:12", "FetchTimeout": "00:00:14", "MaxAge": "00:00:00" }
              },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [
                { "Id": "shared", "Type": "stat", "Title": "Shared", "Source": "shared", "Format": "0" } ] } ]
            }
            """);
        app.UseKestrel(0);
        app.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        upstream.Release("shared");
        await app.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task Fifty_concurrent_views_of_a_source_without_a_fresh_value_make_exactly_one_upstream_call()
    {
        upstream.Hold("shared");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Viewers };
        using var client = new HttpClient(handler) { BaseAddress = app.KestrelAddress, Timeout = Bound };

        var views = Enumerable.Range(0, Viewers).Select(_ => OpenPage.OpenAsync(client, "/", Bound)).ToArray();

        // Every viewer has its shell: each page has asked the engine for the source, and they all wait on
        // the one held upstream call.
        var opened = await Task.WhenAll(views).WaitAsync(Bound, TestContext.Current.CancellationToken);
        try
        {
            Assert.All(opened, v => Assert.Equal("loading", PanelMarkup.FinalState(v.Shell, "shared")));
            await Eventually.TrueAsync(() => upstream.Calls("shared") > 0, "the upstream call arrived");
            Assert.Equal(1, upstream.Calls("shared"));

            upstream.Release("shared");
            var pages = await Task.WhenAll(opened.Select(v => v.ReadToEndAsync(Bound)));

            Assert.All(pages, page =>
            {
                Assert.Equal("fresh", PanelMarkup.FinalState(page, "shared"));
                Assert.Contains(">4242<", PanelMarkup.FinalHtml(page, "shared"));
            });
            Assert.Equal(1, upstream.Calls("shared"));
        }
        finally
        {
            foreach (var view in opened)
            {
                await view.DisposeAsync();
            }
        }
    }
}
