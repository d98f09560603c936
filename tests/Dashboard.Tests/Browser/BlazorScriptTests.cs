using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Browser;

/// <summary>The published app serves Blazor's own script, with a body (a build output's MapStaticAssets once answered
/// 200 with an empty one): the fingerprinted URL the page links to, compressed and cached for good, and the plain URL.</summary>
public sealed partial class BlazorScriptTests
{
    [GeneratedRegex("""<script src="(_framework/blazor\.web\.[a-z0-9]+\.js)"></script>""")]
    private static partial Regex ScriptTag();

    [ChromiumFact]
    public async Task The_page_links_the_fingerprinted_blazor_web_js_which_has_a_body_and_is_cached_for_good()
    {
        await using var app = await PublishedApp.StartAsync("""
            { "Sources": {}, "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [] } ] }
            """);
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = app.Address, Timeout = BrowserFixture.Timeout };

        var page = await client.GetStringAsync("/d/main");
        var src = ScriptTag().Match(page);
        Assert.True(src.Success, "no fingerprinted blazor.web.js script tag in:\n" + page);

        using var plain = await client.GetAsync(src.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var script = await plain.Content.ReadAsStringAsync();
        Assert.True(script.Length > 100_000, $"blazor.web.js has {script.Length} characters");
        Assert.Contains("enhancedload", script, StringComparison.Ordinal);
        Assert.Contains("immutable", plain.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, src.Groups[1].Value);
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var compressed = await client.SendAsync(request);
        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.True((await compressed.Content.ReadAsByteArrayAsync()).Length > 10_000);

        var unversioned = await client.GetByteArrayAsync("/_framework/blazor.web.js");
        Assert.Equal(script.Length, unversioned.Length);
    }
}
