using System.Text;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Http;

/// <summary>Against the real app on a real socket (127.0.0.1): the shell is flushed before a slow
/// source answers, then the panel's value follows in the same response.</summary>
public sealed class StreamingKestrelTests : IAsyncLifetime
{
    private FakeUpstream upstream = default!;
    private DashboardAppFactory app = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("fast", 11);
        upstream.SetValue("slow", 4242);
        app = new DashboardAppFactory(TwoPanelConfig(upstream));
        app.UseKestrel(0);
        app.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await upstream.DisposeAsync();
    }

    internal static string TwoPanelConfig(FakeUpstream upstream, string slowDeadline = "00:00:05") => $$"""
        {
          "Sources": {
            "fast": { "Kind": "http", "Http": { "Url": "{{upstream.Url("fast")}}", "Path": "value" }, "MaxAge": "00:00:30" },
            "slow": { "Kind": "http", "Http": { "Url": "{{upstream.Url("slow")}}", "Path": "value" },
                      "RenderDeadline": "{{slowDeadline}}", "FetchTimeout": "00:00:10", "MaxAge": "00:00:00" }
          },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [
            { "Id": "fast", "Type": "stat", "Title": "Fast", "Source": "fast" },
            { "Id": "slow", "Type": "stat", "Title": "Slow", "Source": "slow", "Format": "0" } ] } ]
        }
        """;

    [Fact]
    public async Task Shell_with_skeletons_arrives_before_the_slow_source_then_its_value_follows()
    {
        upstream.Hold("slow");
        using var client = new HttpClient { BaseAddress = app.KestrelAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync("/", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);

        var shell = await ResponseReader.ReadUntilAsync(body, "data-panel-id=\"slow\"", TimeSpan.FromSeconds(10));
        Assert.Contains("<h1>Main</h1>", shell);
        Assert.Contains("data-state=\"loading\"", shell);
        Assert.Contains("aria-busy=\"true\"", shell);
        Assert.DoesNotContain("4242", shell);
        await WaitUntilAsync(() => upstream.Calls("slow") == 1);

        upstream.Release("slow");
        var rest = await ResponseReader.ReadToEndAsync(body, TimeSpan.FromSeconds(10));
        Assert.Contains("4242", rest);
        Assert.Contains("<blazor-ssr>", rest);
        Assert.DoesNotContain("type=\"error\"", rest);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task Page_is_served_at_slash_d_slash_slug_and_an_unknown_slug_is_404()
    {
        using var client = new HttpClient { BaseAddress = app.KestrelAddress, Timeout = TimeSpan.FromSeconds(30) };
        var page = await client.GetStringAsync("/d/main", TestContext.Current.CancellationToken);
        Assert.Contains("4242", page);

        using var missing = await client.GetAsync("/d/nope", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>Reads a streamed body incrementally, with a bound on the wait.</summary>
internal static class ResponseReader
{
    public static async Task<string> ReadUntilAsync(Stream body, string marker, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var text = new StringBuilder();
        var buffer = new byte[8192];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[8192];
        while (!text.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var read = await body.ReadAsync(buffer, cts.Token);
            if (read == 0)
            {
                break;
            }

            var n = decoder.GetChars(buffer, 0, read, chars, 0);
            text.Append(chars, 0, n);
        }

        return text.ToString();
    }

    public static async Task<string> ReadToEndAsync(Stream body, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var reader = new StreamReader(body);
        return await reader.ReadToEndAsync(cts.Token);
    }
}
