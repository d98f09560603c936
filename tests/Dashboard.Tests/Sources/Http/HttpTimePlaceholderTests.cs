using Dashboard.Sources;
using Dashboard.Sources.Http;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Tests.Sources.Http;

/// <summary>The window's placeholders reach a real upstream on 127.0.0.1 in the URL, query, body and a header, each in
/// the form asked for and escaped for its place.</summary>
public sealed class HttpTimePlaceholderTests(LocalJsonServer server) : IClassFixture<LocalJsonServer>
{
    private static readonly ISecretResolver Secrets = new ConfigurationSecretResolver(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Secrets:TOKEN"] = "t0ken-{from}" })
        .Build());

    private static readonly long FromMs = TestWindows.From.ToUnixTimeMilliseconds();
    private static readonly long ToMs = TestWindows.To.ToUnixTimeMilliseconds();

    [Fact]
    public async Task Placeholders_are_replaced_in_url_query_header_and_body_with_the_escaping_of_each_place()
    {
        var http = new HttpSourceOptions
        {
            Url = $"{server.BaseAddress}echo-request/{{from:ms}}/{{from}}?to={{to}}",
            Method = "POST",
            Query = new() { ["step"] = "{interval:s}", ["width"] = "{interval}", ["end"] = "{to:s}" },
            Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Range"] = "{from}..{to:ms}", ["X-Token"] = "{secret:TOKEN}" },
            Body = """{"from":"{from}","to":{to:ms},"interval_ms":{interval:ms}}""",
            Path = "seen",
        };
        var source = new HttpJsonSource(new SourceOptions { Name = "ranged", Http = http }, server.Client, Secrets, new());

        var seen = (await source.FetchAsync(new SourceFetchRequest(TestWindows.Hour), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Value.Text;

        Assert.Equal(
            $"/echo-request/{FromMs}/2026-12-05T13%3A00%3A00Z?to=2026-12-05T14%3A00%3A00Z&step=15&width=PT15S&end={ToMs / 1000}"
            + $"|2026-12-05T13:00:00Z..{ToMs}"
            + $$"""|{"from":"2026-12-05T13:00:00Z","to":{{ToMs}},"interval_ms":15000}""",
            seen);
    }

    [Fact]
    public async Task A_secret_value_that_looks_like_a_placeholder_is_sent_as_it_is()
    {
        var http = new HttpSourceOptions
        {
            Url = $"{server.BaseAddress}echo-request/plain",
            Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Range"] = "{secret:TOKEN}" },
            Path = "seen",
        };
        var source = new HttpJsonSource(new SourceOptions { Name = "secret", Http = http }, server.Client, Secrets, new());

        var seen = (await source.FetchAsync(new SourceFetchRequest(TestWindows.Hour), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Value.Text;

        // Redacted in what the source returns, but sent unchanged (placeholders are replaced before secrets are read).
        Assert.Equal("/echo-request/plain|***|", seen);
    }
}
