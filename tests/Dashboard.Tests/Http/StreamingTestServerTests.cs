using Dashboard.Tests.Support;

namespace Dashboard.Tests.Http;

/// <summary>The same streaming check as <see cref="StreamingKestrelTests"/>, through WebApplicationFactory's
/// in-memory TestServer. TestServer hands the response to the client once the headers are sent and then
/// passes each flushed chunk through a pipe, so it does not buffer the whole body: the shell is readable
/// while the slow source is still held.</summary>
public sealed class StreamingTestServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private FakeUpstream upstream = default!;
    private DashboardAppFactory app = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("fast", 11);
        upstream.SetValue("slow", 4242);
        app = new DashboardAppFactory(StreamingKestrelTests.TwoPanelConfig(upstream));
    }

    public async ValueTask DisposeAsync()
    {
        upstream.Release("slow");
        await app.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task Shell_with_skeletons_is_readable_before_the_slow_source_answers_then_its_value_follows()
    {
        upstream.Hold("slow");
        using var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(15);

        // Were the body buffered, the headers would not arrive before the held source is released.
        using var response = await client.GetAsync("/", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var shell = await ResponseReader.ReadUntilAsync(body, "</html>", Bound);

        Assert.Contains("<h1>Main</h1>", shell);
        var slow = PanelMarkup.FinalHtml(shell, "slow");
        Assert.Contains("data-state=\"loading\"", slow);
        Assert.Contains("aria-busy=\"true\"", slow);
        Assert.DoesNotContain("4242", shell);
        await Eventually.TrueAsync(() => upstream.Calls("slow") == 1, "the slow source was called");

        upstream.Release("slow");
        var rest = await ResponseReader.ReadToEndAsync(body, Bound);
        var page = shell + rest;

        Assert.Contains("<blazor-ssr>", rest);
        Assert.Equal("fresh", PanelMarkup.FinalState(page, "slow"));
        Assert.Contains("4242", PanelMarkup.FinalHtml(page, "slow"));
        // The fast panel has its default 1 s deadline, which a cold start under a loaded test run may miss:
        // only require that it was resolved one way or the other, without breaking the page.
        Assert.NotEqual("loading", PanelMarkup.FinalState(page, "fast"));
        Assert.DoesNotContain("type=\"error\"", page);
        Assert.Equal(1, upstream.Calls("slow"));
    }
}
